// Release builds on Windows are GUI programs: no console window on double-click.
#![cfg_attr(all(windows, not(debug_assertions)), windows_subsystem = "windows")]

use std::process::ExitCode;

use clap::Parser as _;

fn main() -> ExitCode {
    let cli = canonry::cli::Cli::parse();
    match cli.command {
        Some(command) => match canonry::cli::run(command, &mut std::io::stdout()) {
            Ok(code) => code,
            Err(error) => {
                eprintln!("canonry: {}", error.0);
                ExitCode::FAILURE
            }
        },
        None => open_app(cli.file),
    }
}

#[cfg(feature = "gui")]
fn open_app(file: Option<std::path::PathBuf>) -> ExitCode {
    canonry::app::run(file)
}

#[cfg(not(feature = "gui"))]
fn open_app(_file: Option<std::path::PathBuf>) -> ExitCode {
    eprintln!("canonry: this build has no desktop app; use a subcommand (see --help)");
    ExitCode::FAILURE
}
