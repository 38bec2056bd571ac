//! The `api` backend: direct HTTP on contract v0.
//! (Stub: filled in by the client-provisioning work.)

use super::{ApiError, ClientBackend, ClientPatch, NewClient, OAuthClient};

pub struct ApiBackend {}

impl ClientBackend for ApiBackend {
    fn name(&self) -> &'static str {
        "api"
    }
    async fn create(&self, _new: &NewClient) -> Result<OAuthClient, ApiError> {
        unimplemented!()
    }
    async fn list(&self) -> Result<Vec<OAuthClient>, ApiError> {
        unimplemented!()
    }
    async fn get(&self, _id: &str) -> Result<OAuthClient, ApiError> {
        unimplemented!()
    }
    async fn update(&self, _id: &str, _patch: &ClientPatch) -> Result<OAuthClient, ApiError> {
        unimplemented!()
    }
    async fn delete(&self, _id: &str) -> Result<(), ApiError> {
        unimplemented!()
    }
}
