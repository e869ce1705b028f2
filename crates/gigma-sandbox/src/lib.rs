//! A local stand-in for the Gigma counterparty API.
//!
//! It follows the contract the app relies on (paths, headers, status codes,
//! Laravel's error shapes) and keeps state, so a PUT changes what the next
//! GET returns and a DELETE really removes the customer. Tests talk to it
//! over real HTTP on 127.0.0.1, and the app's demo mode runs it in-process.
//!
//! It is not a model of Gigma's business rules beyond what the public
//! documentation states; where the documentation is silent, the choice made
//! here is marked at its place.

// Route helpers return a ready `Response` as their error so handlers can
// return early with it, the usual axum style; boxing it buys nothing here.
#![allow(clippy::result_large_err)]

mod callback;
mod fault_spec;
mod files;
mod routes;
pub mod seed;
mod store;
mod suggestions;

use std::net::{Ipv4Addr, SocketAddr};
use std::time::Duration;

use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

pub use fault_spec::{FaultSpec, RepeatedBody};
pub use store::{Fault, RecordedRequest, Store};

/// How a sandbox starts.
#[derive(Debug, Clone)]
pub struct SandboxConfig {
    /// The application token every request must carry in the `Token` header.
    pub app_token: String,
    /// The port on 127.0.0.1; 0 picks a free one.
    pub port: u16,
    pub callback_auth: CallbackAuthConfig,
    /// Serve `POST /__sandbox/faults`, which takes a [`FaultSpec`], so a
    /// test driving the app from outside can inject faults. Off by default.
    pub control: bool,
}

impl Default for SandboxConfig {
    fn default() -> Self {
        Self {
            app_token: seed::APP_TOKEN.to_owned(),
            port: 0,
            callback_auth: CallbackAuthConfig::default(),
            control: false,
        }
    }
}

/// How sign-in by an incoming call behaves.
#[derive(Debug, Clone)]
pub struct CallbackAuthConfig {
    pub version: CallbackAuthVersion,
    /// How long an attempt waits for the call.
    pub lifetime: Duration,
    /// How long after a confirmed call the token can still be exchanged.
    pub exchange_window: Duration,
    /// Confirm the call by itself this long after the attempt starts, as if
    /// the customer had called; `None` waits for
    /// [`Store::confirm_call`]. The demo uses this, since nobody can call a
    /// sandbox.
    pub auto_confirm_after: Option<Duration>,
}

impl Default for CallbackAuthConfig {
    fn default() -> Self {
        Self {
            version: CallbackAuthVersion::Exchange,
            lifetime: Duration::from_secs(5 * 60),
            exchange_window: Duration::from_secs(120),
            auto_confirm_after: None,
        }
    }
}

/// The two reported versions of the callback contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CallbackAuthVersion {
    /// `status` reports `verified`, and `exchange` hands out the token.
    Exchange,
    /// The older version: `status` includes `access_token` once verified,
    /// and there is no `exchange` route.
    TokenInStatus,
}

#[derive(Debug, thiserror::Error)]
pub enum SandboxError {
    #[error("could not listen on 127.0.0.1:{port}: {source}")]
    Bind {
        port: u16,
        #[source]
        source: std::io::Error,
    },
}

/// A running sandbox. Dropping it stops the server.
pub struct Sandbox {
    addr: SocketAddr,
    store: Store,
    shutdown: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<()>>,
}

impl Sandbox {
    /// Binds 127.0.0.1 and serves the seeded data until stopped. Must be
    /// called inside a Tokio runtime.
    pub async fn start(config: SandboxConfig) -> Result<Self, SandboxError> {
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, config.port))
            .await
            .map_err(|source| SandboxError::Bind {
                port: config.port,
                source,
            })?;
        let addr = listener.local_addr().map_err(|source| SandboxError::Bind {
            port: config.port,
            source,
        })?;

        let store = Store::seeded();
        let app = routes::router(
            store.clone(),
            config.app_token,
            config.callback_auth,
            config.control,
            format!("http://{addr}"),
        );
        let (shutdown, stopped) = oneshot::channel::<()>();

        let task = tokio::spawn(async move {
            let server = axum::serve(listener, app).with_graceful_shutdown(async {
                let _ = stopped.await;
            });
            if let Err(error) = server.await {
                tracing::error!(%error, "sandbox server failed");
            }
        });
        tracing::info!(%addr, "sandbox listening");

        Ok(Self {
            addr,
            store,
            shutdown: Some(shutdown),
            task: Some(task),
        })
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The base URL to configure a client with, such as `http://127.0.0.1:41234`.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The data behind the server, for tests that set up or inspect state
    /// without going through HTTP.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Stops accepting connections and waits for the server task to end.
    pub async fn stop(mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
        tracing::info!(addr = %self.addr, "sandbox stopped");
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
    }
}
