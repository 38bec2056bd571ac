//! How `check` answers a server's `elicitation/create` request during a
//! tool call (MCP 2025-11-25 "Elicitation"; SEP-1034 defaults), plugged into
//! the session through [`super::ElicitationHandler`].
//!
//! Three policies, chosen by the command layer:
//! - `AcceptDefaults`: accept with the schema's `default` values;
//! - `Decline`: decline every request;
//! - `Ask`: hand the form to a [`FormPrompt`] supplied by the command layer
//!   (a terminal prompt); there is no terminal I/O in this module.
//!
//! Whatever the answer, fields it leaves out that have a `default` get that
//! default (SEP-1034: the client applies defaults for omitted fields), and
//! every request is recorded so the report can show what the server asked
//! and what was answered.

use std::sync::{Arc, Mutex};

use futures::future::BoxFuture;
use rmcp::model::{ElicitRequestParams, ElicitResult, ElicitationAction};
use serde::Serialize;
use serde_json::{Map, Value};

use super::ElicitationHandler;

/// How to answer a server's elicitation request.
#[derive(Clone)]
pub enum ElicitationPolicy {
    /// Accept with the schema's defaults (decline when a required field has
    /// none: there is nothing valid to send).
    AcceptDefaults,
    /// Decline every request.
    Decline,
    /// Ask a person through the command layer's prompt.
    Ask(Arc<dyn FormPrompt>),
}

impl std::fmt::Debug for ElicitationPolicy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            ElicitationPolicy::AcceptDefaults => "AcceptDefaults",
            ElicitationPolicy::Decline => "Decline",
            ElicitationPolicy::Ask(_) => "Ask",
        })
    }
}

/// Asks a person to fill in a form. Implemented by the command layer (it may
/// block: it is called on a blocking thread).
pub trait FormPrompt: Send + Sync + 'static {
    fn ask(&self, form: &Form) -> PromptAnswer;
}

/// What the person answered.
#[derive(Debug, Clone, PartialEq)]
pub enum PromptAnswer {
    /// Accept with these values (fields left out get their defaults).
    Accept(Map<String, Value>),
    Decline,
    Cancel,
}

/// A form the server asks for, in plain terms (decoupled from rmcp's types).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Form {
    pub message: String,
    pub fields: Vec<Field>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Field {
    pub name: String,
    /// `title`, else `description`, else the name.
    pub label: String,
    pub kind: FieldKind,
    pub required: bool,
    pub default: Option<Value>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum FieldKind {
    String,
    Number,
    Integer,
    Boolean,
    /// One of these values.
    Enum {
        options: Vec<String>,
    },
    /// Several of these values.
    MultiEnum {
        options: Vec<String>,
    },
}

/// One elicitation request and its answer, for the report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ElicitationRecord {
    pub message: String,
    /// `accept`, `decline` or `cancel`.
    pub action: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content: Option<Value>,
    /// Why the answer is not what the policy would normally give.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl ElicitationRecord {
    /// One line for the report: what was asked, what was answered.
    pub fn line(&self) -> String {
        let mut l = format!("elicitation \"{}\" → {}", self.message, self.action);
        if let Some(c) = &self.content {
            l.push_str(&format!(" {c}"));
        }
        if let Some(n) = &self.note {
            l.push_str(&format!(" ({n})"));
        }
        l
    }
}

/// Answers elicitation requests by a policy and keeps a record of them.
/// Clones share the record.
#[derive(Clone)]
pub struct Elicitor {
    policy: ElicitationPolicy,
    log: Arc<Mutex<Vec<ElicitationRecord>>>,
}

impl Elicitor {
    pub fn new(policy: ElicitationPolicy) -> Self {
        Self {
            policy,
            log: Arc::default(),
        }
    }

    /// The elicitation requests answered so far.
    pub fn records(&self) -> Vec<ElicitationRecord> {
        self.log.lock().map(|l| l.clone()).unwrap_or_default()
    }

    async fn answer(self, params: ElicitRequestParams) -> ElicitResult {
        let record = match params {
            ElicitRequestParams::FormElicitationParams {
                message,
                requested_schema,
                ..
            } => {
                let schema = serde_json::to_value(&requested_schema).unwrap_or(Value::Null);
                let mut form = form_from_schema(message, &schema);
                // Ask in the order the server wrote the fields.
                if let Some(order) = &requested_schema.property_order {
                    form.fields.sort_by_key(|f| {
                        order
                            .iter()
                            .position(|n| *n == f.name)
                            .unwrap_or(usize::MAX)
                    });
                }
                self.answer_form(form).await
            }
            ElicitRequestParams::UrlElicitationParams { message, url, .. } => ElicitationRecord {
                message,
                action: "decline",
                content: None,
                note: Some(format!(
                    "URL elicitation is not supported by carto-mcp (the server asked to open {url})"
                )),
            },
            _ => decline(String::new(), Some("unknown elicitation mode".into())),
        };
        if let Ok(mut log) = self.log.lock() {
            log.push(record.clone());
        }
        let action = match record.action {
            "accept" => ElicitationAction::Accept,
            "cancel" => ElicitationAction::Cancel,
            _ => ElicitationAction::Decline,
        };
        let result = ElicitResult::new(action);
        match record.content {
            Some(content) => result.with_content(content),
            None => result,
        }
    }

    async fn answer_form(&self, form: Form) -> ElicitationRecord {
        match &self.policy {
            ElicitationPolicy::Decline => decline(form.message, None),
            ElicitationPolicy::AcceptDefaults => accept(form, Map::new()),
            ElicitationPolicy::Ask(prompt) => {
                let prompt = prompt.clone();
                let shown = form.clone();
                match tokio::task::spawn_blocking(move || prompt.ask(&shown)).await {
                    Ok(PromptAnswer::Accept(values)) => accept(form, values),
                    Ok(PromptAnswer::Decline) => decline(form.message, None),
                    Ok(PromptAnswer::Cancel) => ElicitationRecord {
                        message: form.message,
                        action: "cancel",
                        content: None,
                        note: None,
                    },
                    Err(e) => decline(form.message, Some(format!("the prompt failed: {e}"))),
                }
            }
        }
    }
}

impl ElicitationHandler for Elicitor {
    fn elicit(&self, request: ElicitRequestParams) -> BoxFuture<'static, ElicitResult> {
        Box::pin(self.clone().answer(request))
    }

    fn records(&self) -> Vec<ElicitationRecord> {
        Elicitor::records(self)
    }
}

fn decline(message: String, note: Option<String>) -> ElicitationRecord {
    ElicitationRecord {
        message,
        action: "decline",
        content: None,
        note,
    }
}

/// Accepts with `values`, filling every omitted field that has a default;
/// declines when a required field is still missing.
fn accept(form: Form, values: Map<String, Value>) -> ElicitationRecord {
    let content = with_defaults(&form, values);
    let missing: Vec<&str> = form
        .fields
        .iter()
        .filter(|f| f.required && !content.contains_key(&f.name))
        .map(|f| f.name.as_str())
        .collect();
    if !missing.is_empty() {
        let note = format!(
            "declined: required field(s) without a default: {}",
            missing.join(", ")
        );
        return decline(form.message, Some(note));
    }
    ElicitationRecord {
        message: form.message,
        action: "accept",
        content: Some(Value::Object(content)),
        note: None,
    }
}

/// `values` plus the default of every field it leaves out (SEP-1034).
pub fn with_defaults(form: &Form, mut values: Map<String, Value>) -> Map<String, Value> {
    for f in &form.fields {
        if let Some(d) = &f.default
            && !values.contains_key(&f.name)
        {
            values.insert(f.name.clone(), d.clone());
        }
    }
    values
}

/// Reads a `requestedSchema` (an object of primitive properties) as a form,
/// its fields in name order.
pub fn form_from_schema(message: String, schema: &Value) -> Form {
    let required: Vec<&str> = schema["required"]
        .as_array()
        .map(|r| r.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let fields = schema["properties"]
        .as_object()
        .map(|props| {
            props
                .iter()
                .map(|(name, p)| Field {
                    name: name.clone(),
                    label: p["title"]
                        .as_str()
                        .or_else(|| p["description"].as_str())
                        .unwrap_or(name)
                        .to_string(),
                    kind: field_kind(p),
                    required: required.contains(&name.as_str()),
                    default: p.get("default").filter(|d| !d.is_null()).cloned(),
                })
                .collect()
        })
        .unwrap_or_default();
    Form { message, fields }
}

fn field_kind(p: &Value) -> FieldKind {
    let strings = |v: &Value| -> Vec<String> {
        v.as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|x| x.as_str().or_else(|| x["const"].as_str()))
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default()
    };
    if p["type"] == "array" {
        let items = &p["items"];
        let options = if items["enum"].is_array() {
            strings(&items["enum"])
        } else {
            strings(&items["anyOf"])
        };
        return FieldKind::MultiEnum { options };
    }
    if p["enum"].is_array() {
        return FieldKind::Enum {
            options: strings(&p["enum"]),
        };
    }
    if p["oneOf"].is_array() {
        return FieldKind::Enum {
            options: strings(&p["oneOf"]),
        };
    }
    match p["type"].as_str() {
        Some("number") => FieldKind::Number,
        Some("integer") => FieldKind::Integer,
        Some("boolean") => FieldKind::Boolean,
        _ => FieldKind::String,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// The form the MCP conformance suite's SEP-1034 scenario sends: every
    /// field optional, every field with a default.
    fn sep1034_params() -> ElicitRequestParams {
        serde_json::from_value(json!({
            "mode": "form",
            "message": "Test client default value handling - please accept with defaults",
            "requestedSchema": {
                "type": "object",
                "properties": {
                    "name": {"type": "string", "description": "User name", "default": "John Doe"},
                    "age": {"type": "integer", "description": "User age", "default": 30},
                    "score": {"type": "number", "description": "User score", "default": 95.5},
                    "status": {"type": "string", "description": "User status",
                               "enum": ["active", "inactive", "pending"], "default": "active"},
                    "verified": {"type": "boolean", "description": "Verification status", "default": true}
                },
                "required": []
            }
        }))
        .expect("rmcp reads the suite's request")
    }

    fn run<F: std::future::Future>(f: F) -> F::Output {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap()
            .block_on(f)
    }

    #[test]
    fn accept_defaults_answers_with_every_default_of_the_schema() {
        let client = Elicitor::new(ElicitationPolicy::AcceptDefaults);
        let result = run(client.clone().answer(sep1034_params()));
        assert_eq!(result.action, ElicitationAction::Accept);
        assert_eq!(
            result.content,
            Some(json!({
                "name": "John Doe",
                "age": 30,
                "score": 95.5,
                "status": "active",
                "verified": true
            }))
        );
        let records = client.records();
        assert_eq!(records.len(), 1);
        assert_eq!(records[0].action, "accept");
        assert!(
            records[0].line().contains("→ accept {\"age\":30"),
            "{}",
            records[0].line()
        );
        assert!(records[0].message.starts_with("Test client default"));
    }

    #[test]
    fn decline_declines_without_content() {
        let client = Elicitor::new(ElicitationPolicy::Decline);
        let result = run(client.clone().answer(sep1034_params()));
        assert_eq!(result.action, ElicitationAction::Decline);
        assert_eq!(result.content, None);
        assert_eq!(client.records()[0].action, "decline");
    }

    #[test]
    fn accept_defaults_declines_when_a_required_field_has_no_default() {
        let params: ElicitRequestParams = serde_json::from_value(json!({
            "message": "Your email?",
            "requestedSchema": {
                "type": "object",
                "properties": {"email": {"type": "string", "format": "email"}},
                "required": ["email"]
            }
        }))
        .unwrap();
        let client = Elicitor::new(ElicitationPolicy::AcceptDefaults);
        let result = run(client.clone().answer(params));
        assert_eq!(result.action, ElicitationAction::Decline);
        let note = client.records()[0].note.clone().unwrap();
        assert!(note.contains("email"), "{note}");
    }

    struct Scripted(PromptAnswer, Mutex<Option<Form>>);
    impl FormPrompt for Scripted {
        fn ask(&self, form: &Form) -> PromptAnswer {
            *self.1.lock().unwrap() = Some(form.clone());
            self.0.clone()
        }
    }

    #[test]
    fn a_prompted_answer_gets_the_defaults_of_the_fields_it_leaves_out() {
        let mut typed = Map::new();
        typed.insert("name".into(), json!("Ada"));
        let prompt = Arc::new(Scripted(PromptAnswer::Accept(typed), Mutex::new(None)));
        let client = Elicitor::new(ElicitationPolicy::Ask(prompt.clone()));
        let result = run(client.clone().answer(sep1034_params()));
        assert_eq!(result.action, ElicitationAction::Accept);
        let content = result.content.unwrap();
        assert_eq!(content["name"], "Ada");
        assert_eq!(content["age"], 30);
        assert_eq!(content["verified"], true);

        let shown = prompt.1.lock().unwrap().clone().unwrap();
        let status = shown.fields.iter().find(|f| f.name == "status").unwrap();
        assert_eq!(
            status.kind,
            FieldKind::Enum {
                options: vec!["active".into(), "inactive".into(), "pending".into()]
            }
        );
        assert_eq!(status.label, "User status");
        let age = shown.fields.iter().find(|f| f.name == "age").unwrap();
        assert_eq!(age.kind, FieldKind::Integer);
        assert_eq!(age.default, Some(json!(30)));
    }

    #[test]
    fn a_prompt_can_cancel() {
        let prompt = Arc::new(Scripted(PromptAnswer::Cancel, Mutex::new(None)));
        let client = Elicitor::new(ElicitationPolicy::Ask(prompt));
        let result = run(client.clone().answer(sep1034_params()));
        assert_eq!(result.action, ElicitationAction::Cancel);
    }
}
