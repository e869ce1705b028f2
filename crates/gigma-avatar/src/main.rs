//! `gigma-avatar`: the avatar pipeline from the command line, for manual
//! checks and benchmarks.
//!
//! Prints nothing on success. Exits with 1 when the image cannot be turned
//! into an avatar and with 2 on invalid arguments.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use gigma_avatar::{CropRect, Limits, DEFAULT_PREVIEW_SIDE};

const USAGE: &str = "\
usage: gigma-avatar prepare IN OUT [--crop X,Y,SIZE]
       gigma-avatar preview IN OUT [--max-side PIXELS]

prepare   writes a 512x512 avatar without metadata to OUT: JPEG, or PNG
          when the crop has transparent pixels
preview   writes an upright copy whose longer side is at most PIXELS
          (default 1024) to OUT

--crop X,Y,SIZE   square to use, in pixels of the upright photo: left edge,
                  top edge and side; default: the centred largest square";

enum Command {
    Prepare {
        input: PathBuf,
        output: PathBuf,
        crop: Option<CropRect>,
    },
    Preview {
        input: PathBuf,
        output: PathBuf,
        max_side: u32,
    },
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let command = match parse_args(&args) {
        Ok(command) => command,
        Err(message) => {
            eprintln!("gigma-avatar: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("gigma-avatar: {message}");
            ExitCode::from(1)
        }
    }
}

fn parse_args(args: &[String]) -> Result<Command, String> {
    let (name, rest) = args.split_first().ok_or("missing command")?;
    if name == "-h" || name == "--help" {
        return Err("help requested".to_owned());
    }
    let [input, output, options @ ..] = rest else {
        return Err(format!("{name}: missing IN or OUT path"));
    };
    let (input, output) = (PathBuf::from(input), PathBuf::from(output));

    match (name.as_str(), options) {
        ("prepare", []) => Ok(Command::Prepare {
            input,
            output,
            crop: None,
        }),
        ("prepare", [flag, value]) if flag == "--crop" => Ok(Command::Prepare {
            input,
            output,
            crop: Some(parse_crop(value)?),
        }),
        ("preview", []) => Ok(Command::Preview {
            input,
            output,
            max_side: DEFAULT_PREVIEW_SIDE,
        }),
        ("preview", [flag, value]) if flag == "--max-side" => Ok(Command::Preview {
            input,
            output,
            max_side: value.parse().map_err(|_| {
                format!("invalid --max-side {value:?}: expected a number of pixels")
            })?,
        }),
        ("prepare" | "preview", _) => Err(format!("{name}: unexpected arguments {options:?}")),
        _ => Err(format!("unknown command {name:?}")),
    }
}

fn parse_crop(value: &str) -> Result<CropRect, String> {
    let invalid = || {
        format!("invalid --crop {value:?}: expected X,Y,SIZE in whole pixels, such as 100,0,800")
    };
    let numbers: Vec<u32> = value
        .split(',')
        .map(|part| part.trim().parse::<u32>())
        .collect::<Result<_, _>>()
        .map_err(|_| invalid())?;
    let [x, y, size] = numbers[..] else {
        return Err(invalid());
    };
    Ok(CropRect { x, y, size })
}

fn run(command: Command) -> Result<(), String> {
    let limits = Limits::default();
    match command {
        Command::Prepare {
            input,
            output,
            crop,
        } => {
            let bytes = read_input(&input, &limits)?;
            let avatar = gigma_avatar::prepare(&bytes, crop, &limits)
                .map_err(|err| format!("{}: {err}", input.display()))?;
            write_output(&output, &avatar.bytes)
        }
        Command::Preview {
            input,
            output,
            max_side,
        } => {
            let bytes = read_input(&input, &limits)?;
            let preview = gigma_avatar::decode_preview(&bytes, max_side, &limits)
                .map_err(|err| format!("{}: {err}", input.display()))?;
            write_output(&output, &preview.bytes)
        }
    }
}

/// Reads the input, checking its size first so an oversized file is
/// rejected without being loaded.
fn read_input(path: &Path, limits: &Limits) -> Result<Vec<u8>, String> {
    let cannot_read = |err: std::io::Error| format!("cannot read {}: {err}", path.display());
    let size = std::fs::metadata(path).map_err(cannot_read)?.len();
    if size > limits.max_file_bytes {
        let err = gigma_avatar::AvatarError::FileTooLarge {
            size,
            limit: limits.max_file_bytes,
        };
        return Err(format!("{}: {err}", path.display()));
    }
    std::fs::read(path).map_err(cannot_read)
}

fn write_output(path: &Path, bytes: &[u8]) -> Result<(), String> {
    std::fs::write(path, bytes).map_err(|err| format!("cannot write {}: {err}", path.display()))
}
