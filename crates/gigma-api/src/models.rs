//! The counterparty (customer) and the objects nested in it, as the API
//! sends them.
//!
//! Any field the documentation shows as possibly null is an `Option` with
//! `#[serde(default)]`, so a server that leaves it out decodes the same as one
//! that sends `null`. Unknown fields are ignored, because the backend adds
//! fields without notice. `Debug` output never contains personal data.

use std::fmt;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Deserializer, Serialize};

use crate::time_format;

/// The signed-in customer.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
pub struct Counterparty {
    pub id: u64,
    /// The customer type from the shop's catalogue, such as "Розница".
    #[serde(rename = "type", default)]
    pub kind: Option<ObjectType>,
    /// The shop's employee assigned to this customer.
    #[serde(default)]
    pub manager: Option<Manager>,
    #[serde(default)]
    pub avatar: Option<Avatar>,
    #[serde(default)]
    pub first_name: Option<String>,
    #[serde(default)]
    pub last_name: Option<String>,
    #[serde(default)]
    pub middle_name: Option<String>,
    /// A calendar date (`YYYY-MM-DD`) with no time zone.
    #[serde(default)]
    pub birthday: Option<NaiveDate>,
    #[serde(default)]
    pub address: Option<String>,
    /// The main number, used to sign in; the API never changes it.
    #[serde(default)]
    pub phone_1: Option<String>,
    #[serde(default)]
    pub phone_2: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default, with = "time_format::optional")]
    pub created_at: Option<DateTime<Utc>>,
    #[serde(default, with = "time_format::optional")]
    pub updated_at: Option<DateTime<Utc>>,
}

impl fmt::Debug for Counterparty {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Counterparty")
            .field("id", &self.id)
            .field("kind", &self.kind)
            .field("avatar_id", &self.avatar.as_ref().map(|avatar| avatar.id))
            .field("updated_at", &self.updated_at)
            .finish_non_exhaustive()
    }
}

/// An entry of one of the shop's type catalogues: a customer type such as
/// "Розница", or a file type such as "Аватар".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ObjectType {
    pub id: u64,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default, with = "time_format::optional")]
    pub created_at: Option<DateTime<Utc>>,
}

/// The customer's personal manager at the shop.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Manager {
    pub id: u64,
    #[serde(default)]
    pub first_name: Option<String>,
    #[serde(default)]
    pub last_name: Option<String>,
    #[serde(default)]
    pub middle_name: Option<String>,
    /// The display name the shop chose, usually "Фамилия Имя".
    #[serde(default)]
    pub name: Option<String>,
}

/// An uploaded image file attached to the customer as an avatar.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Avatar {
    pub id: u64,
    /// The file name the image was uploaded with.
    #[serde(default)]
    pub name: Option<String>,
    #[serde(rename = "type", default)]
    pub kind: Option<ObjectType>,
    /// An absolute URL of the image.
    #[serde(default)]
    pub path: Option<String>,
    #[serde(default, with = "time_format::optional")]
    pub created_at: Option<DateTime<Utc>>,
    #[serde(default, with = "time_format::optional")]
    pub updated_at: Option<DateTime<Utc>>,
}

/// The body of `PUT /counterparty`: only the fields that change.
///
/// Each field has three states. `None` leaves the field out of the body, so
/// the server keeps its value; `Some(None)` sends `null`, which clears it;
/// `Some(Some(value))` sets it.
#[derive(Default, Clone, PartialEq, Serialize, Deserialize)]
pub struct CounterpartyChanges {
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub avatar_id: Option<Option<u64>>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub first_name: Option<Option<String>>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub last_name: Option<Option<String>>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub email: Option<Option<String>>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub address: Option<Option<String>>,
}

impl CounterpartyChanges {
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }

    /// Names of the fields this body changes, for log lines.
    pub fn field_names(&self) -> Vec<&'static str> {
        [
            ("avatar_id", self.avatar_id.is_some()),
            ("first_name", self.first_name.is_some()),
            ("last_name", self.last_name.is_some()),
            ("email", self.email.is_some()),
            ("address", self.address.is_some()),
        ]
        .into_iter()
        .filter_map(|(name, present)| present.then_some(name))
        .collect()
    }
}

impl fmt::Debug for CounterpartyChanges {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CounterpartyChanges{:?}", self.field_names())
    }
}

/// Tells a field sent as `null` (`Some(None)`) from a missing one, which
/// `#[serde(default)]` turns into `None`.
fn present<'de, T, D>(deserializer: D) -> Result<Option<Option<T>>, D::Error>
where
    T: Deserialize<'de>,
    D: Deserializer<'de>,
{
    Option::<T>::deserialize(deserializer).map(Some)
}

/// `access_token` in the login answer.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
pub struct AccessToken {
    pub value: String,
}

impl fmt::Debug for AccessToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "AccessToken({})", crate::redact::token(&self.value))
    }
}

/// `{"counterparty": {...}}`, the answer of GET and PUT `/counterparty`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CounterpartyEnvelope {
    pub counterparty: Counterparty,
}

/// The answer of `POST /counterparty/login`: the counterparty with its new
/// `access_token` inside.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct LoginEnvelope {
    pub counterparty: LoggedInCounterparty,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct LoggedInCounterparty {
    pub access_token: AccessToken,
    #[serde(flatten)]
    pub counterparty: Counterparty,
}

/// `{"message": "..."}`, the answer of send_password, DELETE and logout.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct MessageBody {
    #[serde(default)]
    pub message: Option<String>,
}

/// Laravel's validation answer (422): a summary and messages per field.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
pub struct ValidationBody {
    #[serde(default)]
    pub message: Option<String>,
    #[serde(default)]
    pub errors: std::collections::BTreeMap<String, Vec<String>>,
}
