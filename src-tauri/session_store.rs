//! Keeping a signed-in session across restarts: the token in the OS
//! keychain, the last loaded profile in a private file.
//!
//! Both are filed under a [`ShopKey`], so two configured shops never share a
//! token or a cached profile.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use gigma_api::{BaseUrl, Counterparty, Phone, SessionToken};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::secrets::{SecretError, SecretStore};

/// Names a shop: its API address plus a fingerprint of its app token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShopKey {
    base_url: String,
    /// The first 16 hex digits of the app token's SHA-256. It tells shops
    /// apart without putting the token itself into entry or file names.
    fingerprint: String,
}

impl ShopKey {
    pub fn new(base_url: &BaseUrl, app_token: &str) -> Self {
        let digest = Sha256::digest(app_token.as_bytes());
        let fingerprint = digest[..8]
            .iter()
            .map(|byte| format!("{byte:02x}"))
            .collect();
        Self {
            base_url: base_url.as_url().to_string(),
            fingerprint,
        }
    }

    /// The keychain entry holding the session of this shop.
    pub fn session_entry(&self) -> String {
        format!("session {} {}", self.base_url, self.fingerprint)
    }

    /// A file name for this shop's private files, safe on every system.
    fn file_name(&self) -> String {
        format!("{}.json", self.file_stem())
    }

    /// The part of file names that stands for this shop.
    pub fn file_stem(&self) -> String {
        let digest = Sha256::digest(self.session_entry().as_bytes());
        digest[..12]
            .iter()
            .map(|byte| format!("{byte:02x}"))
            .collect()
    }
}

/// What the keychain entry contains: the token, and the phone it was issued
/// to so the sign-in screen can be filled in when the token expires.
#[derive(Serialize, Deserialize)]
struct StoredSession {
    token: String,
    phone: Option<String>,
}

/// A session found in the keychain.
pub struct SavedSession {
    pub token: SessionToken,
    pub phone: Option<Phone>,
}

pub fn save_session(
    secrets: &dyn SecretStore,
    key: &ShopKey,
    token: &SessionToken,
    phone: Option<&Phone>,
) -> Result<(), SecretError> {
    let stored = StoredSession {
        token: token.expose().to_owned(),
        phone: phone.map(|phone| phone.as_str().to_owned()),
    };
    let text = serde_json::to_string(&stored).expect("a stored session always serialises");
    secrets.set(&key.session_entry(), &text)
}

/// Reads the saved session. An entry that does not parse is treated as
/// absent and removed, because it can never be used.
pub fn load_session(
    secrets: &dyn SecretStore,
    key: &ShopKey,
) -> Result<Option<SavedSession>, SecretError> {
    let entry = key.session_entry();
    let Some(text) = secrets.get(&entry)? else {
        return Ok(None);
    };
    match serde_json::from_str::<StoredSession>(&text) {
        Ok(stored) => Ok(Some(SavedSession {
            token: SessionToken::new(stored.token),
            phone: stored.phone.and_then(|phone| Phone::parse(&phone).ok()),
        })),
        Err(error) => {
            tracing::warn!(%error, "the saved session is damaged; removing it");
            secrets.delete(&entry)?;
            Ok(None)
        }
    }
}

pub fn delete_session(secrets: &dyn SecretStore, key: &ShopKey) -> Result<(), SecretError> {
    secrets.delete(&key.session_entry())
}

/// One private JSON file per shop in a folder: the cached profile and the
/// edit-form draft each use one. The files hold no token, and on Unix only
/// the user can read them (mode 0600).
#[derive(Debug, Clone)]
pub struct ShopFiles {
    dir: PathBuf,
    /// Whether a save waits until the file is on disk (`fsync`).
    durable: bool,
}

impl ShopFiles {
    /// Files that must survive a crash, such as drafts: a save returns once
    /// the file is on disk.
    pub fn in_dir(dir: PathBuf) -> Self {
        Self { dir, durable: true }
    }

    /// Files the app can fetch again, such as the cached profile. A save
    /// skips the wait for the disk (`fsync`, an estimated 4 ms on the
    /// benchmark machine), which would otherwise delay every load of the
    /// profile.
    /// After a crash such a file may be missing or empty, and `load` then
    /// returns `None`.
    pub fn cache_in_dir(dir: PathBuf) -> Self {
        Self {
            dir,
            durable: false,
        }
    }

    /// Reads the shop's file; a missing or damaged one gives `None`, and
    /// damage is logged, because a stale cache must not stop the app.
    pub fn load<T: DeserializeOwned>(&self, key: &ShopKey) -> Option<T> {
        let path = self.dir.join(key.file_name());
        let text = std::fs::read_to_string(&path).ok()?;
        match serde_json::from_str(&text) {
            Ok(value) => Some(value),
            Err(error) => {
                tracing::warn!(path = %path.display(), %error, "private file is damaged; ignoring it");
                None
            }
        }
    }

    pub fn save<T: Serialize>(&self, key: &ShopKey, value: &T) -> std::io::Result<()> {
        std::fs::create_dir_all(&self.dir)?;
        let path = self.dir.join(key.file_name());
        let temporary = path.with_extension("json.tmp");
        let text = serde_json::to_vec(value).map_err(std::io::Error::other)?;

        write_private_file(&temporary, &text, self.durable)?;
        std::fs::rename(&temporary, &path)
    }

    pub fn remove(&self, key: &ShopKey) -> std::io::Result<()> {
        match std::fs::remove_file(self.dir.join(key.file_name())) {
            Err(error) if error.kind() != std::io::ErrorKind::NotFound => Err(error),
            _ => Ok(()),
        }
    }
}

/// The last loaded profile, so the card paints at once on the next start
/// and can be shown, marked as old, when the server cannot be reached.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CachedProfile {
    pub saved_at: DateTime<Utc>,
    pub counterparty: Counterparty,
}

/// Writes a file that only the current user can read. The mode is set at
/// creation, so the data is never readable by others, even briefly.
pub fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_private_file(path, bytes, true)
}

/// Writes a private file like [`write_private`], waiting for the disk only
/// when `durable`.
fn write_private_file(path: &Path, bytes: &[u8], durable: bool) -> std::io::Result<()> {
    use std::io::Write;

    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    // NOTE: on Windows the file inherits the ACL of the user's AppData
    // folder, which other standard users cannot read.
    let mut file = options.open(path)?;
    file.write_all(bytes)?;
    if durable {
        file.sync_all()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::secrets::MemoryStore;

    fn key(app_token: &str) -> ShopKey {
        ShopKey::new(
            &BaseUrl::parse("https://api.gigma.ru/api").unwrap(),
            app_token,
        )
    }

    #[test]
    fn shops_with_other_tokens_get_other_entries() {
        assert_ne!(key("shop-a").session_entry(), key("shop-b").session_entry());
        assert!(!key("shop-a").session_entry().contains("shop-a"));
    }

    #[test]
    fn session_round_trips_through_store() {
        let store = MemoryStore::default();
        let phone = Phone::parse("79999999990").unwrap();
        save_session(
            &store,
            &key("a"),
            &SessionToken::new("5|secret"),
            Some(&phone),
        )
        .unwrap();

        let saved = load_session(&store, &key("a")).unwrap().unwrap();
        assert_eq!(saved.token.expose(), "5|secret");
        assert_eq!(saved.phone, Some(phone));
        assert!(load_session(&store, &key("b")).unwrap().is_none());

        delete_session(&store, &key("a")).unwrap();
        assert!(load_session(&store, &key("a")).unwrap().is_none());
    }

    #[test]
    fn damaged_entry_is_removed() {
        let store = MemoryStore::default();
        store.set(&key("a").session_entry(), "not json").unwrap();

        assert!(load_session(&store, &key("a")).unwrap().is_none());
        assert!(store.get(&key("a").session_entry()).unwrap().is_none());
    }

    #[cfg(unix)]
    #[test]
    fn cache_file_is_private() {
        use std::os::unix::fs::PermissionsExt;

        let dir = std::env::temp_dir().join(format!("gigma-cache-test-{}", std::process::id()));
        let files = ShopFiles::in_dir(dir.clone());
        let cached = CachedProfile {
            saved_at: Utc::now(),
            counterparty: serde_json::from_value(serde_json::json!({"id": 3})).unwrap(),
        };
        files.save(&key("a"), &cached).unwrap();

        let path = dir.join(key("a").file_name());
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
        assert_eq!(files.load::<CachedProfile>(&key("a")), Some(cached));
        assert_eq!(files.load::<CachedProfile>(&key("b")), None);

        files.remove(&key("a")).unwrap();
        assert!(!path.exists());
        files.remove(&key("a")).unwrap();
    }
}
