//! The sandbox's in-memory data: customers, issued tokens and pending
//! one-time passwords.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use rand::distributions::Alphanumeric;
use rand::Rng;
use serde_json::{Map, Value};

use crate::seed;

/// How long a flash-call password stays valid after send_password.
const PASSWORD_LIFETIME: Duration = Duration::from_secs(5 * 60);

/// Shared handle to the sandbox's data. Cloning shares the same data.
#[derive(Clone, Default)]
pub struct Store {
    inner: Arc<Mutex<Data>>,
}

#[derive(Default)]
struct Data {
    /// Customers by id, each kept as the JSON object the API returns.
    counterparties: BTreeMap<u64, Map<String, Value>>,
    /// Issued tokens: the whole `<id>|<secret>` text to the customer id.
    tokens: HashMap<String, u64>,
    next_token_id: u64,
    /// Phones that were sent a flash call, with the time it was sent.
    pending_passwords: HashMap<String, Instant>,
    /// Faults to answer with instead of the real handler, per route such as
    /// `GET /counterparty`, each used once in order.
    faults: HashMap<String, VecDeque<Fault>>,
    /// Every request that reached the sandbox, oldest first.
    requests: Vec<RecordedRequest>,
    /// Sign-in attempts by call, by their session token.
    callbacks: HashMap<String, CallbackAttempt>,
    /// Uploaded files by id.
    files: BTreeMap<u64, StoredFile>,
}

/// An uploaded file: the API's file object and the bytes behind its `path`.
#[derive(Debug, Clone)]
pub(crate) struct StoredFile {
    pub object: Value,
    pub storage_name: String,
    pub content_type: String,
    pub bytes: Vec<u8>,
}

/// Ids of uploaded files start here, well apart from customer ids, so a
/// test that mixes them up fails.
const FIRST_FILE_ID: u64 = 100;

/// A sign-in attempt by call.
#[derive(Debug, Clone)]
pub(crate) struct CallbackAttempt {
    pub phone: String,
    pub client_nonce: String,
    pub started: Instant,
    /// When the customer's call came in.
    pub confirmed: Option<Instant>,
}

/// A canned answer that replaces the next real one on a route, so tests can
/// see how clients handle failures the real service may produce.
#[derive(Debug, Clone, Default)]
pub struct Fault {
    /// Wait this long before answering.
    pub delay: Duration,
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
    /// Send the body one byte at a time with this pause between bytes, as
    /// a congested link would.
    pub trickle: Option<Duration>,
    /// Send the status and headers, then break the connection instead of
    /// sending the body, as a reset connection looks to the client.
    pub reset: bool,
}

impl Fault {
    /// A JSON answer with the given status.
    pub fn json(status: u16, body: serde_json::Value) -> Self {
        Self {
            status,
            headers: vec![("content-type".to_owned(), "application/json".to_owned())],
            body: body.to_string(),
            ..Self::default()
        }
    }
}

/// What the sandbox received, for tests that check the exact request.
#[derive(Debug, Clone)]
pub struct RecordedRequest {
    pub method: String,
    pub path: String,
    /// Header names in lower case.
    pub headers: BTreeMap<String, String>,
    /// The body parsed as JSON, or `None` when it was empty or not JSON.
    pub body: Option<Value>,
}

impl Store {
    /// A store holding the documentation's customer.
    pub fn seeded() -> Self {
        let store = Self::default();
        let seed: Value =
            serde_json::from_str(seed::COUNTERPARTY_JSON).expect("the seed is valid JSON");
        store.insert_counterparty(seed);
        store
    }

    /// Adds a customer given as the API's JSON object (it must have an
    /// integer `id`) and returns its id. Replaces one with the same id.
    pub fn insert_counterparty(&self, counterparty: Value) -> u64 {
        let Value::Object(object) = counterparty else {
            panic!("a counterparty must be a JSON object");
        };
        let id = object
            .get("id")
            .and_then(Value::as_u64)
            .expect("a counterparty needs an integer id");
        self.lock().counterparties.insert(id, object);
        id
    }

    /// The customer as the API would return it, or `None` once deleted.
    pub fn counterparty(&self, id: u64) -> Option<Value> {
        self.lock()
            .counterparties
            .get(&id)
            .cloned()
            .map(Value::Object)
    }

    /// How many tokens are valid for the customer.
    pub fn token_count(&self, id: u64) -> usize {
        self.lock()
            .tokens
            .values()
            .filter(|owner| **owner == id)
            .count()
    }

    pub(crate) fn find_by_phone(&self, phone: &str) -> Option<u64> {
        self.lock()
            .counterparties
            .iter()
            .find(|(_, counterparty)| {
                counterparty.get("phone_1").and_then(Value::as_str) == Some(phone)
            })
            .map(|(id, _)| *id)
    }

    pub(crate) fn remember_password_sent(&self, phone: &str) {
        self.lock()
            .pending_passwords
            .insert(phone.to_owned(), Instant::now());
    }

    /// Whether a flash call to this phone is recent enough for its password
    /// to be accepted. A successful check consumes it.
    pub(crate) fn take_password(&self, phone: &str) -> bool {
        let mut data = self.lock();
        match data.pending_passwords.get(phone) {
            Some(sent) if sent.elapsed() <= PASSWORD_LIFETIME => {
                data.pending_passwords.remove(phone);
                true
            }
            _ => false,
        }
    }

    /// Makes the next request to `route` (such as `PUT /counterparty`)
    /// answer with `fault`. Several faults on one route are used in order.
    pub fn inject_fault(&self, route: &str, fault: Fault) {
        self.lock()
            .faults
            .entry(route.to_owned())
            .or_default()
            .push_back(fault);
    }

    /// Injects the fault a [`FaultSpec`](crate::FaultSpec) describes, as
    /// many times as it says.
    pub fn inject(&self, spec: &crate::FaultSpec) {
        for _ in 0..spec.times {
            self.inject_fault(&spec.route, spec.to_fault());
        }
    }

    /// Drops every fault still waiting.
    pub fn clear_faults(&self) {
        self.lock().faults.clear();
    }

    /// Every request received so far, oldest first.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.lock().requests.clone()
    }

    pub(crate) fn take_fault(&self, route: &str) -> Option<Fault> {
        self.lock().faults.get_mut(route)?.pop_front()
    }

    pub(crate) fn record(&self, request: RecordedRequest) {
        self.lock().requests.push(request);
    }

    /// Confirms the newest sign-in attempt by call for `phone`, as if the
    /// customer had called. Returns false when there is none.
    pub fn confirm_call(&self, phone: &str) -> bool {
        let mut data = self.lock();
        let newest = data
            .callbacks
            .values_mut()
            .filter(|attempt| attempt.phone == phone && attempt.confirmed.is_none())
            .max_by_key(|attempt| attempt.started);
        match newest {
            Some(attempt) => {
                attempt.confirmed = Some(Instant::now());
                true
            }
            None => false,
        }
    }

    pub(crate) fn start_callback(&self, phone: &str, client_nonce: &str) -> String {
        let session_token = random_text(40);
        self.lock().callbacks.insert(
            session_token.clone(),
            CallbackAttempt {
                phone: phone.to_owned(),
                client_nonce: client_nonce.to_owned(),
                started: Instant::now(),
                confirmed: None,
            },
        );
        session_token
    }

    /// The attempt with this token and nonce; a wrong nonce finds nothing,
    /// so a leaked session token alone is useless.
    pub(crate) fn callback(
        &self,
        session_token: &str,
        client_nonce: &str,
    ) -> Option<CallbackAttempt> {
        self.lock()
            .callbacks
            .get(session_token)
            .filter(|attempt| attempt.client_nonce == client_nonce)
            .cloned()
    }

    pub(crate) fn confirm_callback(&self, session_token: &str) {
        if let Some(attempt) = self.lock().callbacks.get_mut(session_token) {
            attempt.confirmed.get_or_insert_with(Instant::now);
        }
    }

    pub(crate) fn finish_callback(&self, session_token: &str) {
        self.lock().callbacks.remove(session_token);
    }

    /// Keeps an uploaded file and returns its file object, whose `path`
    /// points at `public_base`.
    pub(crate) fn add_file(
        &self,
        name: &str,
        content_type: &str,
        bytes: Vec<u8>,
        public_base: &str,
        now: &str,
    ) -> Value {
        let extension = match content_type {
            "image/png" => "png",
            "image/webp" => "webp",
            "image/gif" => "gif",
            _ => "jpg",
        };
        let storage_name = format!("{}.{extension}", random_text(40));

        let mut data = self.lock();
        let id = data
            .files
            .keys()
            .next_back()
            .map_or(FIRST_FILE_ID, |last| last + 1);
        let object = serde_json::json!({
            "id": id,
            "name": name,
            "type": {"id": 2, "name": "Аватар", "created_at": "2024-03-27T07:00:46.000000Z"},
            "path": format!("{public_base}/storage/uploads/{storage_name}"),
            "created_at": now,
            "updated_at": now,
        });
        data.files.insert(
            id,
            StoredFile {
                object: object.clone(),
                storage_name,
                content_type: content_type.to_owned(),
                bytes,
            },
        );
        object
    }

    /// The file object of an uploaded file.
    pub fn file(&self, id: u64) -> Option<Value> {
        self.lock().files.get(&id).map(|file| file.object.clone())
    }

    /// How many files were uploaded.
    pub fn file_count(&self) -> usize {
        self.lock().files.len()
    }

    pub(crate) fn file_by_storage_name(&self, storage_name: &str) -> Option<StoredFile> {
        self.lock()
            .files
            .values()
            .find(|file| file.storage_name == storage_name)
            .cloned()
    }

    /// Issues a Sanctum-style token `<id>|<40 random characters>`.
    pub(crate) fn issue_token(&self, counterparty_id: u64) -> String {
        let secret = random_text(40);
        let mut data = self.lock();
        data.next_token_id += 1;
        let token = format!("{}|{secret}", data.next_token_id);
        data.tokens.insert(token.clone(), counterparty_id);
        token
    }

    pub(crate) fn owner_of(&self, token: &str) -> Option<u64> {
        let data = self.lock();
        let id = *data.tokens.get(token)?;
        data.counterparties.contains_key(&id).then_some(id)
    }

    pub(crate) fn revoke_token(&self, token: &str) {
        self.lock().tokens.remove(token);
    }

    /// Revokes every token of the customer, as signing out of all devices
    /// does; tests use it to expire a session behind the app's back.
    pub fn revoke_all_tokens(&self, counterparty_id: u64) {
        self.lock()
            .tokens
            .retain(|_, owner| *owner != counterparty_id);
    }

    /// Applies validated changes and bumps `updated_at`; returns the result.
    pub(crate) fn update(
        &self,
        id: u64,
        changes: Map<String, Value>,
        now: String,
    ) -> Option<Value> {
        let mut data = self.lock();
        let counterparty = data.counterparties.get_mut(&id)?;
        for (field, value) in changes {
            counterparty.insert(field, value);
        }
        counterparty.insert("updated_at".to_owned(), Value::String(now));
        Some(Value::Object(counterparty.clone()))
    }

    /// Removes the customer and every token issued to it.
    pub(crate) fn delete(&self, id: u64) -> bool {
        let mut data = self.lock();
        data.tokens.retain(|_, owner| *owner != id);
        data.counterparties.remove(&id).is_some()
    }

    fn lock(&self) -> MutexGuard<'_, Data> {
        // A panic while holding the lock leaves plain data behind, still
        // consistent enough for a test server to keep answering.
        self.inner
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

fn random_text(length: usize) -> String {
    rand::thread_rng()
        .sample_iter(&Alphanumeric)
        .take(length)
        .map(char::from)
        .collect()
}
