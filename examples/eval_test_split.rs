//! The final, one-time evaluation of the suggestion engine on the v2 **test** split (protocol in
//! tests/fixtures/suggest/v2/PROTOCOL.md): run once at the end, never while tuning. Prints
//! figures only, never a sentence. It refuses to run without `CANONRY_EVAL_TEST_SPLIT=1`.
//!
//! `CANONRY_EVAL_TEST_SPLIT=1 cargo run --no-default-features --example eval_test_split`

use std::path::Path;
use std::process::ExitCode;

use canonry::suggest::LexiconSuggester;
use canonry::suggest::evaluation;
use canonry::suggest::labelled;

fn main() -> ExitCode {
    if std::env::var("CANONRY_EVAL_TEST_SPLIT").as_deref() != Ok("1") {
        eprintln!("the test split is read only by the final evaluation (PROTOCOL.md); set CANONRY_EVAL_TEST_SPLIT=1");
        return ExitCode::FAILURE;
    }
    let v2 = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/suggest/v2");
    let test = match labelled::load_split(&v2, "test") {
        Ok(test) => test,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    let predictions = evaluation::predict(&LexiconSuggester::builtin(), &test);
    print!("{}", evaluation::report("v2 TEST split (final, once)", &predictions));
    ExitCode::SUCCESS
}
