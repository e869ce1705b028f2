//! The data a new sandbox starts with: the customer from the first example
//! of Gigma's counterparty documentation.

/// The application token the sandbox expects unless configured otherwise.
pub const APP_TOKEN: &str = "sandbox-app-token";

/// The seeded customer's main phone number.
pub const PHONE: &str = "79999999990";

/// The one-time password the sandbox accepts after a flash call. Gigma's
/// documentation names 1111 as its test password.
pub const PASSWORD: &str = "1111";

/// The seeded customer, exactly as the documentation's GET example shows it.
pub const COUNTERPARTY_JSON: &str = r#"{
    "id": 1,
    "type": {
        "id": 2,
        "name": "Розница",
        "created_at": "2024-03-23T10:27:06.000000Z"
    },
    "manager": {
        "id": 1,
        "first_name": "Артём",
        "last_name": "Полищук",
        "middle_name": "Николаевич",
        "name": "Полищук Артём"
    },
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
}"#;
