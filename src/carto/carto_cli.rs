//! The `carto-cli` backend: drives the official `carto` CLI.
//! (Stub: filled in by the client-provisioning work.)

use super::{ApiError, ClientBackend, ClientPatch, NewClient, OAuthClient};

pub struct CartoCliBackend {}

impl ClientBackend for CartoCliBackend {
    fn name(&self) -> &'static str {
        "carto-cli"
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
