//! The command side of elicitation for `check`: which policy answers a
//! server's `elicitation/create` (`--elicitation accept-defaults|decline`;
//! without the flag: ask on a terminal, decline otherwise), and the terminal
//! prompt itself, through [`Ui`].
//!
//! Used by `commands::check`:
//! ```ignore
//! let elicitor = elicitation::elicitor(&args, ctx.ui);
//! let session = mcp::connect(&http, &url, token, Arc::new(elicitor.clone())).await?;
//! // … after the tool call: elicitor.records() for the report
//! ```

use std::sync::Arc;

use serde_json::{Map, Number, Value};

use crate::cli::{CheckArgs, ElicitationMode};
use crate::mcp::elicitation::{
    ElicitationPolicy, Elicitor, Field, FieldKind, Form, FormPrompt, PromptAnswer,
};
use crate::output::Ui;

/// The elicitation answerer for this run of `check`.
pub fn elicitor(args: &CheckArgs, ui: &Ui) -> Elicitor {
    Elicitor::new(policy(args.elicitation, ui.interactive(), ui))
}

fn policy(mode: Option<ElicitationMode>, interactive: bool, ui: &Ui) -> ElicitationPolicy {
    match mode {
        Some(ElicitationMode::AcceptDefaults) => ElicitationPolicy::AcceptDefaults,
        Some(ElicitationMode::Decline) => ElicitationPolicy::Decline,
        None if interactive => ElicitationPolicy::Ask(Arc::new(TerminalPrompt { ui: ui.clone() })),
        None => ElicitationPolicy::Decline,
    }
}

/// Asks the person at the terminal, field by field.
struct TerminalPrompt {
    ui: Ui,
}

const MISSING: &str = "the server asks for input; pass --elicitation accept-defaults|decline";

impl FormPrompt for TerminalPrompt {
    fn ask(&self, form: &Form) -> PromptAnswer {
        self.ask_form(form).unwrap_or_else(|e| {
            self.ui
                .warn(format!("declining the server's request: {e:#}"));
            PromptAnswer::Decline
        })
    }
}

impl TerminalPrompt {
    fn ask_form(&self, form: &Form) -> anyhow::Result<PromptAnswer> {
        self.ui
            .status(format!("The server asks for input: {}", form.message));
        let choices = ["Fill in the form", "Decline", "Cancel the tool call"].map(String::from);
        match self.ui.select("Answer", &choices, 0, MISSING)? {
            1 => return Ok(PromptAnswer::Decline),
            2 => return Ok(PromptAnswer::Cancel),
            _ => {}
        }
        let mut values = Map::new();
        for field in &form.fields {
            if let Some(v) = self.ask_field(field)? {
                values.insert(field.name.clone(), v);
            }
        }
        Ok(PromptAnswer::Accept(values))
    }

    /// One field's value; `None` leaves it out (its default then applies).
    fn ask_field(&self, f: &Field) -> anyhow::Result<Option<Value>> {
        let label = if f.required {
            format!("{} ({})", f.label, f.name)
        } else {
            format!("{} ({}, optional)", f.label, f.name)
        };
        let default_text = f.default.as_ref().map(|d| match d {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        });
        match &f.kind {
            FieldKind::Boolean => {
                let items = ["yes", "no"].map(String::from);
                let default = usize::from(f.default == Some(Value::Bool(false)));
                let i = self.ui.select(&label, &items, default, MISSING)?;
                Ok(Some(Value::Bool(i == 0)))
            }
            FieldKind::Enum { options } if !options.is_empty() => {
                let default = default_text
                    .as_ref()
                    .and_then(|d| options.iter().position(|o| o == d))
                    .unwrap_or(0);
                let i = self.ui.select(&label, options, default, MISSING)?;
                Ok(Some(Value::String(options[i].clone())))
            }
            kind => loop {
                let text = self.ui.input(&label, default_text.as_deref(), MISSING)?;
                match parse_value(kind, &text) {
                    Ok(None) if f.required && f.default.is_none() => {
                        self.ui.warn(format!("{} is required", f.name));
                    }
                    Ok(v) => return Ok(v),
                    Err(why) => self.ui.warn(why),
                }
            },
        }
    }
}

/// Reads what was typed for a field of this kind; empty text is `None`.
fn parse_value(kind: &FieldKind, text: &str) -> Result<Option<Value>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    match kind {
        FieldKind::Integer => text
            .parse::<i64>()
            .map(|n| Some(Value::from(n)))
            .map_err(|_| format!("'{text}' is not a whole number")),
        FieldKind::Number => text
            .parse::<f64>()
            .ok()
            .and_then(Number::from_f64)
            .map(|n| Some(Value::Number(n)))
            .ok_or_else(|| format!("'{text}' is not a number")),
        FieldKind::MultiEnum { options } => {
            let picked: Vec<String> = text
                .split(',')
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect();
            match picked.iter().find(|p| !options.contains(p)) {
                Some(bad) if !options.is_empty() => {
                    Err(format!("'{bad}' is not one of: {}", options.join(", ")))
                }
                _ => Ok(Some(Value::from(picked))),
            }
        }
        _ => Ok(Some(Value::String(text.to_string()))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_flag_decides_and_without_it_a_terminal_is_asked_or_the_request_declined() {
        let ui = Ui::plain(false);
        assert!(matches!(
            policy(Some(ElicitationMode::AcceptDefaults), true, &ui),
            ElicitationPolicy::AcceptDefaults
        ));
        assert!(matches!(
            policy(Some(ElicitationMode::Decline), true, &ui),
            ElicitationPolicy::Decline
        ));
        assert!(matches!(policy(None, true, &ui), ElicitationPolicy::Ask(_)));
        assert!(matches!(
            policy(None, false, &ui),
            ElicitationPolicy::Decline
        ));
    }

    #[test]
    fn typed_values_are_read_by_the_field_kind() {
        assert_eq!(
            parse_value(&FieldKind::Integer, " 42 "),
            Ok(Some(Value::from(42)))
        );
        assert!(parse_value(&FieldKind::Integer, "4.2").is_err());
        assert_eq!(
            parse_value(&FieldKind::Number, "95.5"),
            Ok(Some(serde_json::json!(95.5)))
        );
        assert!(parse_value(&FieldKind::Number, "lots").is_err());
        assert_eq!(parse_value(&FieldKind::String, "  "), Ok(None));
        let multi = FieldKind::MultiEnum {
            options: vec!["a".into(), "b".into()],
        };
        assert_eq!(
            parse_value(&multi, "a, b"),
            Ok(Some(serde_json::json!(["a", "b"])))
        );
        assert!(parse_value(&multi, "a, z").is_err());
    }
}
