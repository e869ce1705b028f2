//! Faults described as JSON, so a table of cases (and the control route of a
//! sandbox started with `--control`) can set them up without Rust code.

use std::collections::BTreeMap;
use std::time::Duration;

use serde::Deserialize;

use crate::Fault;

/// One fault as JSON: `{"route": "GET /counterparty", "status": 503, ...}`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FaultSpec {
    /// The route it replaces, such as `PUT /counterparty`.
    pub route: String,
    /// How many requests in a row get it.
    #[serde(default = "one")]
    pub times: usize,
    pub status: u16,
    #[serde(default)]
    pub body: String,
    /// A body made of `text` repeated `count` times, for answers too large
    /// to write out.
    #[serde(default)]
    pub body_repeat: Option<RepeatedBody>,
    #[serde(default)]
    pub headers: BTreeMap<String, String>,
    #[serde(default)]
    pub delay_ms: u64,
    #[serde(default)]
    pub trickle_ms: Option<u64>,
    #[serde(default)]
    pub reset: bool,
}

#[derive(Debug, Clone, Deserialize)]
pub struct RepeatedBody {
    pub text: String,
    pub count: usize,
}

fn one() -> usize {
    1
}

impl FaultSpec {
    pub fn to_fault(&self) -> Fault {
        let body = match &self.body_repeat {
            Some(repeated) => repeated.text.repeat(repeated.count),
            None => self.body.clone(),
        };
        Fault {
            delay: Duration::from_millis(self.delay_ms),
            status: self.status,
            headers: self.headers.clone().into_iter().collect(),
            body,
            trickle: self.trickle_ms.map(Duration::from_millis),
            reset: self.reset,
        }
    }
}
