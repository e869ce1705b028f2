//! A stand-in for DaData's address suggestions, so the app's suggestion list
//! can be tested and tried in the demo without a DaData key.

use axum::body::Bytes;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

use crate::routes::message;

/// The path of DaData's address suggestion method, served at the same path.
pub(crate) const PATH: &str = "/suggestions/api/4_1/rs/suggest/address";

/// Addresses the sandbox returns, in the spelling DaData uses.
const ADDRESSES: &[&str] = &[
    "г Новосибирск, ул Новогодняя, д 20/1, кв 26",
    "г Новосибирск, ул Новогодняя, д 24",
    "г Новосибирск, ул Новосибирская, д 13",
    "г Новосибирск, Красный пр-кт, д 25",
    "г Москва, ул Тверская, д 7",
    "г Москва, ул Новый Арбат, д 15",
    "г Санкт-Петербург, Невский пр-кт, д 28",
    "г Екатеринбург, ул Малышева, д 51",
];

pub(crate) async fn suggest(headers: HeaderMap, body: Bytes) -> Response {
    let authorized = headers
        .get("authorization")
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.starts_with("Token ") && value.len() > "Token ".len());
    if !authorized {
        return message(StatusCode::UNAUTHORIZED, "Нет API-ключа.");
    }

    let request: Value = serde_json::from_slice(&body).unwrap_or_default();
    let query = request["query"].as_str().unwrap_or_default().to_lowercase();
    let count = request["count"].as_u64().unwrap_or(10).min(20) as usize;

    // Every word of the query must appear in the address, as DaData's
    // matching roughly does for the starts of words.
    let words: Vec<&str> = query
        .split([' ', ','])
        .filter(|word| !word.is_empty())
        .collect();
    let suggestions: Vec<Value> = ADDRESSES
        .iter()
        .filter(|address| {
            let address = address.to_lowercase();
            !words.is_empty() && words.iter().all(|word| address.contains(word))
        })
        .take(count)
        .map(|address| json!({ "value": address, "unrestricted_value": address, "data": {} }))
        .collect();
    Json(json!({ "suggestions": suggestions })).into_response()
}
