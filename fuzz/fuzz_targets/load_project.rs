//! The project loader on arbitrary bytes: it must return a project or a located error, never
//! panic; a project it accepts must save and load back to the same bytes.
#![no_main]

use canonry::storage::format::serialize_project;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let Ok(loaded) = canonry::storage::load::parse_project(bytes) else { return };
    let saved = serialize_project(&loaded.project, loaded.version).expect("an accepted project serialises");
    let again = canonry::storage::load::parse_project(&saved).expect("what we saved loads again");
    let resaved = serialize_project(&again.project, again.version).expect("serialises again");
    assert_eq!(saved, resaved, "save(load(save(p))) differs from save(p)");
});
