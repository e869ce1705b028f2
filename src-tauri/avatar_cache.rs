//! Avatar images on disk, by shop and avatar id, so the card paints its
//! photo at once on the next start without a download.

use std::path::PathBuf;

use crate::session_store::{write_private, ShopKey};

#[derive(Debug, Clone)]
pub struct AvatarCache {
    dir: PathBuf,
}

impl AvatarCache {
    pub fn in_dir(dir: PathBuf) -> Self {
        Self { dir }
    }

    /// The stem that files of a shop start with; the demo has its own.
    fn prefix(key: Option<&ShopKey>) -> String {
        key.map_or_else(|| "demo".to_owned(), ShopKey::file_stem)
    }

    fn path(&self, key: Option<&ShopKey>, avatar_id: u64) -> PathBuf {
        self.dir
            .join(format!("{}-{avatar_id}.img", Self::prefix(key)))
    }

    pub fn load(&self, key: Option<&ShopKey>, avatar_id: u64) -> Option<Vec<u8>> {
        std::fs::read(self.path(key, avatar_id)).ok()
    }

    pub fn save(&self, key: Option<&ShopKey>, avatar_id: u64, bytes: &[u8]) -> std::io::Result<()> {
        std::fs::create_dir_all(&self.dir)?;
        write_private(&self.path(key, avatar_id), bytes)
    }

    /// Removes every cached avatar of the shop.
    pub fn clear(&self, key: Option<&ShopKey>) -> std::io::Result<()> {
        let prefix = format!("{}-", Self::prefix(key));
        let entries = match std::fs::read_dir(&self.dir) {
            Ok(entries) => entries,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(()),
            Err(error) => return Err(error),
        };
        for entry in entries.flatten() {
            if entry.file_name().to_string_lossy().starts_with(&prefix) {
                std::fs::remove_file(entry.path())?;
            }
        }
        Ok(())
    }
}
