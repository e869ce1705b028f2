//! Timestamps as the API writes them: ISO 8601 in UTC with six fractional
//! digits (`2024-03-22T14:01:37.000000Z`, Laravel's default).
//!
//! Parsing accepts any RFC 3339 offset, so a server that drops the
//! microseconds or sends `+03:00` still decodes; writing always uses the
//! API's own form, so a decoded example serialises back to the same text.

use chrono::{DateTime, SecondsFormat, Utc};
use serde::{Deserialize, Deserializer, Serializer};

pub fn parse(text: &str) -> Result<DateTime<Utc>, chrono::ParseError> {
    DateTime::parse_from_rfc3339(text).map(|time| time.with_timezone(&Utc))
}

pub fn write(time: &DateTime<Utc>) -> String {
    time.to_rfc3339_opts(SecondsFormat::Micros, true)
}

pub mod optional {
    use super::*;

    pub fn serialize<S: Serializer>(
        value: &Option<DateTime<Utc>>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match value {
            Some(time) => serializer.serialize_str(&write(time)),
            None => serializer.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<DateTime<Utc>>, D::Error> {
        let text: Option<String> = Option::deserialize(deserializer)?;
        match text.as_deref() {
            None | Some("") => Ok(None),
            Some(text) => parse(text).map(Some).map_err(|error| {
                serde::de::Error::custom(format!("invalid timestamp {text:?}: {error}"))
            }),
        }
    }
}
