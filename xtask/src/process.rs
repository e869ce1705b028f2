//! Running child processes with readable failures.

use std::ffi::OsStr;
use std::fmt;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

#[derive(Debug)]
pub enum Failure {
    /// A program could not be started at all.
    Spawn {
        program: String,
        source: std::io::Error,
    },
    /// A program ran and exited with a failure.
    Exit { command: String, code: Option<i32> },
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// Something the tasks need is missing and cannot be installed here.
    Missing(String),
    /// A built or installed artefact did not pass a check.
    Check(String),
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Spawn { program, source } => write!(f, "could not start {program}: {source}"),
            Self::Exit {
                command,
                code: Some(code),
            } => write!(f, "`{command}` failed with exit code {code}"),
            Self::Exit {
                command,
                code: None,
            } => write!(f, "`{command}` was killed by a signal"),
            Self::Io { path, source } => write!(f, "{}: {source}", path.display()),
            Self::Missing(what) => f.write_str(what),
            Self::Check(what) => write!(f, "check failed: {what}"),
        }
    }
}

pub fn command(program: impl AsRef<OsStr>) -> Command {
    Command::new(program)
}

fn describe(command: &Command) -> String {
    std::iter::once(command.get_program())
        .chain(command.get_args())
        .map(|part| part.to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Runs a command to the end with inherited output; fails unless it exits 0.
pub fn run(command: &mut Command) -> Result<(), Failure> {
    let status = command.status().map_err(|source| Failure::Spawn {
        program: command.get_program().to_string_lossy().into_owned(),
        source,
    })?;
    if status.success() {
        Ok(())
    } else {
        Err(Failure::Exit {
            command: describe(command),
            code: status.code(),
        })
    }
}

/// Runs a command to the end and returns its standard output, with standard
/// error inherited; fails unless it exits 0.
pub fn output(command: &mut Command) -> Result<String, Failure> {
    let output = command
        .stderr(Stdio::inherit())
        .output()
        .map_err(|source| Failure::Spawn {
            program: command.get_program().to_string_lossy().into_owned(),
            source,
        })?;
    if output.status.success() {
        Ok(String::from_utf8_lossy(&output.stdout).into_owned())
    } else {
        Err(Failure::Exit {
            command: describe(command),
            code: output.status.code(),
        })
    }
}

pub fn spawn(command: &mut Command) -> Result<Child, Failure> {
    command.spawn().map_err(|source| Failure::Spawn {
        program: command.get_program().to_string_lossy().into_owned(),
        source,
    })
}

/// Finds a program on PATH.
pub fn which(program: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(program))
        .find(|candidate| candidate.is_file())
}
