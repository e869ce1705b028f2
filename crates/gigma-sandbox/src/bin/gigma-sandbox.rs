//! Runs the sandbox on its own, for trying the app or a client by hand:
//! `cargo run -p gigma-sandbox -- --port 8787`.

use std::time::Duration;

use gigma_sandbox::{seed, CallbackAuthVersion, Sandbox, SandboxConfig};

const USAGE: &str =
    "usage: gigma-sandbox [--port PORT] [--app-token TOKEN] [--callback-version VERSION]
                     [--callback-confirm-after SECONDS] [--control]

Serves a stand-in of the Gigma counterparty API on 127.0.0.1.
  --port PORT                 TCP port to listen on (default: a free one)
  --app-token TOKEN           application token that requests must send in the Token header
                              (default: sandbox-app-token)
  --callback-version VERSION  sign-in by call: `exchange` (status, then exchange; default)
                              or `token-in-status` (the older contract)
  --callback-confirm-after SECONDS
                              confirm a sign-in by call this many seconds after it starts,
                              as if the customer had called (default: 5)
  --control                   serve POST and DELETE /__sandbox/faults for tests that
                              inject faults";

#[tokio::main]
async fn main() {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("GIGMA_LOG")
                .unwrap_or_else(|_| "info".into()),
        )
        .init();

    let config = match parse_args(std::env::args().skip(1)) {
        Ok(config) => config,
        Err(message) => {
            eprintln!("{message}\n\n{USAGE}");
            std::process::exit(2);
        }
    };

    let config_token = config.app_token.clone();
    let sandbox = match Sandbox::start(config).await {
        Ok(sandbox) => sandbox,
        Err(error) => {
            eprintln!("error: {error}\nChoose another port with --port, or leave it out to use a free one.");
            std::process::exit(1);
        }
    };

    println!("Gigma sandbox at {}", sandbox.base_url());
    println!(
        "Sign in with phone {} (the API takes 11 digits, no +) and code {}.",
        seed::PHONE,
        seed::PASSWORD
    );
    println!("Every request needs the header `Token: {config_token}`. Stop with Ctrl+C.");
    let _ = tokio::signal::ctrl_c().await;
    sandbox.stop().await;
}

fn parse_args(mut args: impl Iterator<Item = String>) -> Result<SandboxConfig, String> {
    let mut config = SandboxConfig::default();
    config.callback_auth.auto_confirm_after = Some(Duration::from_secs(5));
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--port" => {
                let value = args.next().ok_or("--port needs a value")?;
                config.port = value.parse().map_err(|_| {
                    format!("--port must be a number from 0 to 65535, got {value:?}")
                })?;
            }
            "--app-token" => config.app_token = args.next().ok_or("--app-token needs a value")?,
            "--callback-version" => {
                config.callback_auth.version = match args.next().as_deref() {
                    Some("exchange") => CallbackAuthVersion::Exchange,
                    Some("token-in-status") => CallbackAuthVersion::TokenInStatus,
                    other => {
                        return Err(format!(
                        "--callback-version must be `exchange` or `token-in-status`, got {other:?}"
                    ))
                    }
                }
            }
            "--callback-confirm-after" => {
                let value = args
                    .next()
                    .ok_or("--callback-confirm-after needs a value")?;
                let seconds: u64 = value.parse().map_err(|_| {
                    format!("--callback-confirm-after must be whole seconds, got {value:?}")
                })?;
                config.callback_auth.auto_confirm_after = Some(Duration::from_secs(seconds));
            }
            "--control" => config.control = true,
            "-h" | "--help" => {
                println!("{USAGE}");
                std::process::exit(0);
            }
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    Ok(config)
}
