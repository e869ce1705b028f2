//! Every counterparty example from Gigma's documentation decodes into the
//! models and encodes back to the same JSON.

use gigma_api::models::{CounterpartyEnvelope, LoginEnvelope};
use gigma_api::{Counterparty, CounterpartyChanges};
use serde_json::{json, Value};

/// The GET example: a customer with a manager and no avatar.
const GET_EXAMPLE: &str = r#"{"counterparty": {
    "id": 1,
    "type": {"id": 2, "name": "Розница", "created_at": "2024-03-23T10:27:06.000000Z"},
    "manager": {"id": 1, "first_name": "Артём", "last_name": "Полищук", "middle_name": "Николаевич", "name": "Полищук Артём"},
    "avatar": null,
    "first_name": "Алексей",
    "last_name": "Петров",
    "middle_name": "Викторович",
    "birthday": "1980-04-02",
    "address": "630073, Новосибирская область, город Новосибирск, Новогодняя ул., д. 20/1, кв. 26",
    "phone_1": "79999999990",
    "phone_2": "78888888888",
    "email": "support@itecho.ru",
    "created_at": "2024-03-22T14:01:37.000000Z",
    "updated_at": "2024-03-23T10:48:33.000000Z"
}}"#;

/// The PUT example: a customer with an avatar and several null fields.
const PUT_EXAMPLE: &str = r#"{"counterparty": {
    "id": 14,
    "type": {"id": 1, "name": "Заказчик", "created_at": "2024-03-27T07:00:46.000000Z"},
    "manager": {"id": 1, "first_name": "Артём", "last_name": "Полищук", "middle_name": "Николаевич", "name": "Полищук Артём"},
    "avatar": {
        "id": 17,
        "name": "Чек.png",
        "type": {"id": 2, "name": "Аватар", "created_at": "2024-03-27T07:00:46.000000Z"},
        "path": "https://beta.back.erp.itecho.ru/storage/uploads/dGOPVMjBgjlb3CQjaU7G0HK6Z4q1aATVzfgbGGhM.png",
        "created_at": "2024-05-14T11:44:21.000000Z",
        "updated_at": "2024-05-14T11:44:21.000000Z"
    },
    "first_name": "Алексей",
    "last_name": "Петров",
    "middle_name": null,
    "birthday": null,
    "address": null,
    "phone_1": "79498102351",
    "phone_2": null,
    "email": "test@mail.ru",
    "created_at": "2024-04-01T08:01:53.000000Z",
    "updated_at": "2024-05-14T11:44:39.000000Z"
}}"#;

fn round_trip(example: &str) {
    let original: Value = serde_json::from_str(example).unwrap();
    let decoded: CounterpartyEnvelope = serde_json::from_str(example).unwrap();
    let encoded = serde_json::to_value(&decoded).unwrap();
    assert_eq!(encoded, original);
}

#[test]
fn get_example_round_trips() {
    round_trip(GET_EXAMPLE);
}

#[test]
fn put_example_round_trips() {
    round_trip(PUT_EXAMPLE);
}

#[test]
fn get_example_decodes_typed_fields() {
    let decoded: CounterpartyEnvelope = serde_json::from_str(GET_EXAMPLE).unwrap();
    let counterparty = decoded.counterparty;

    assert_eq!(counterparty.id, 1);
    assert_eq!(counterparty.kind.unwrap().name.as_deref(), Some("Розница"));
    assert_eq!(
        counterparty.manager.unwrap().name.as_deref(),
        Some("Полищук Артём")
    );
    assert_eq!(counterparty.birthday.unwrap().to_string(), "1980-04-02");
    assert_eq!(
        counterparty.created_at.unwrap().to_rfc3339(),
        "2024-03-22T14:01:37+00:00"
    );
}

#[test]
fn put_example_decodes_avatar() {
    let decoded: CounterpartyEnvelope = serde_json::from_str(PUT_EXAMPLE).unwrap();
    let avatar = decoded.counterparty.avatar.unwrap();

    assert_eq!(avatar.id, 17);
    assert_eq!(avatar.kind.unwrap().name.as_deref(), Some("Аватар"));
    assert!(avatar.path.unwrap().starts_with("https://"));
}

#[test]
fn login_answer_carries_token() {
    let mut answer: Value = serde_json::from_str(GET_EXAMPLE).unwrap();
    answer["counterparty"]["access_token"] = json!({"value": "5|abcdef"});

    let decoded: LoginEnvelope = serde_json::from_value(answer).unwrap();
    assert_eq!(decoded.counterparty.access_token.value, "5|abcdef");
    assert_eq!(
        decoded.counterparty.counterparty.last_name.as_deref(),
        Some("Петров")
    );
}

#[test]
fn unknown_fields_are_ignored() {
    let mut answer: Value = serde_json::from_str(GET_EXAMPLE).unwrap();
    answer["counterparty"]["loyalty_level"] = json!({"id": 3});
    answer["counterparty"]["manager"]["phone"] = json!("79990000000");

    let decoded: CounterpartyEnvelope = serde_json::from_value(answer).unwrap();
    assert_eq!(decoded.counterparty.id, 1);
}

#[test]
fn missing_optional_fields_decode_as_none() {
    let decoded: Counterparty = serde_json::from_value(json!({"id": 7})).unwrap();

    assert_eq!(decoded.id, 7);
    assert!(decoded.kind.is_none());
    assert!(decoded.email.is_none());
    assert!(decoded.created_at.is_none());
}

#[test]
fn mistyped_required_field_is_an_error_naming_it() {
    let error = serde_json::from_value::<Counterparty>(json!({"id": "seven"})).unwrap_err();
    assert!(error.to_string().contains("invalid type"), "{error}");

    let error = serde_json::from_value::<Counterparty>(json!({"id": 7, "birthday": "2 апреля"}))
        .unwrap_err();
    assert!(
        error
            .to_string()
            .contains("input contains invalid characters"),
        "{error}"
    );
}

#[test]
fn debug_output_hides_personal_data() {
    let decoded: CounterpartyEnvelope = serde_json::from_str(GET_EXAMPLE).unwrap();
    let debug = format!("{:?}", decoded.counterparty);

    for secret in ["79999999990", "support@itecho.ru", "Петров", "Новосибирск"] {
        assert!(!debug.contains(secret), "{secret} leaked into {debug}");
    }
}

#[test]
fn changes_serialise_only_present_fields() {
    let changes = CounterpartyChanges {
        email: Some(Some("new@example.ru".to_owned())),
        address: Some(None),
        ..Default::default()
    };

    assert_eq!(
        serde_json::to_value(&changes).unwrap(),
        json!({"email": "new@example.ru", "address": null})
    );
    assert_eq!(
        serde_json::to_value(CounterpartyChanges::default()).unwrap(),
        json!({})
    );
}

#[test]
fn changes_tell_null_from_missing() {
    let changes: CounterpartyChanges =
        serde_json::from_value(json!({"first_name": null, "email": "a@b.ru"})).unwrap();

    assert_eq!(changes.first_name, Some(None));
    assert_eq!(changes.email, Some(Some("a@b.ru".to_owned())));
    assert_eq!(changes.last_name, None);
    assert_eq!(changes.field_names(), ["first_name", "email"]);
}
