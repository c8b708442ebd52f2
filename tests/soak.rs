//! Soak test: thousands of random UI actions on the real app (tag with 1/2/3, retag, delete,
//! undo, redo, save, reload), checked against a small model of what each action should do. At
//! the end the project must equal the model's, every save must have written exactly the project
//! on screen, and memory must not keep growing.
//!
//! `cargo test` runs 400 actions; `.ci/run` runs 10,000 (`CANONRY_SOAK_ACTIONS=10000`).
//! `CANONRY_SOAK_SEED` replays a run.

use std::collections::BTreeMap;
use std::path::Path;

use canonry::app::{AppState, Settings};
use canonry::edit::Editor;
use egui::{Key, Modifiers};
use egui_kittest::Harness;

/// A claim as the model sees it: where it is and its tier.
type ModelClaims = BTreeMap<String, (usize, usize, String)>;

/// What the project should hold, and the undo/redo stacks that predict undo and redo.
#[derive(Default)]
struct Model {
    claims: ModelClaims,
    undo: Vec<ModelClaims>,
    redo: Vec<ModelClaims>,
}

impl Model {
    /// Records an edit: the state before goes on the undo stack (capped like the editor's).
    fn edit(&mut self, change: impl FnOnce(&mut ModelClaims)) {
        self.undo.push(self.claims.clone());
        if self.undo.len() > Editor::MAX_UNDO {
            self.undo.remove(0);
        }
        self.redo.clear();
        change(&mut self.claims);
    }

    fn undo(&mut self) {
        if let Some(before) = self.undo.pop() {
            self.redo.push(std::mem::replace(&mut self.claims, before));
        }
    }

    fn redo(&mut self) {
        if let Some(after) = self.redo.pop() {
            self.undo.push(std::mem::replace(&mut self.claims, after));
        }
    }

    /// A reload starts a new document: no history.
    fn reload(&mut self) {
        self.undo.clear();
        self.redo.clear();
    }
}

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn project_claims(state: &AppState) -> ModelClaims {
    state.project().claims.iter().map(|c| (c.id.clone(), (c.anchor.start, c.anchor.end, c.tier.clone()))).collect()
}

/// Code-point ranges of the words of `text`.
fn words(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.chars().chain(std::iter::once(' ')).enumerate() {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// Resident memory in MiB (Linux).
fn resident_mib() -> Option<f64> {
    let statm = std::fs::read_to_string("/proc/self/statm").ok()?;
    let pages: f64 = statm.split_whitespace().nth(1)?.parse().ok()?;
    Some(pages * 4096.0 / (1024.0 * 1024.0))
}

fn open_app(path: &Path, data: &Path) -> Harness<'static, AppState> {
    let state = AppState::new(Settings::default(), Some(path.to_owned()), Some(data.to_owned()));
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_ui_state(|ui, state: &mut AppState| state.frame(ui), state);
    harness.run_steps(3);
    harness
}

#[test]
// One loop over the action kinds, each arm short.
#[expect(clippy::too_many_lines)]
fn random_ui_actions_match_a_model_of_the_project() {
    let actions: usize = std::env::var("CANONRY_SOAK_ACTIONS").ok().and_then(|v| v.parse().ok()).unwrap_or(400);
    let seed: u64 = std::env::var("CANONRY_SOAK_SEED").ok().and_then(|v| v.parse().ok()).unwrap_or(0x5eed_cafe);
    let dir = tempfile::tempdir().expect("tmp");
    let data = tempfile::tempdir().expect("data");
    let path = dir.path().join("soak.canonry");
    std::fs::write(&path, canonry::SAMPLE_PROJECT).expect("write sample");

    let mut harness = open_app(&path, data.path());
    let mut rng = Rng(seed);
    let mut model = Model { claims: project_claims(harness.state()), ..Model::default() };
    // Word ranges of each article; tagging happens on the article on screen, which changes
    // when a claim on another article is selected.
    let words_of: BTreeMap<String, Vec<(usize, usize)>> =
        harness.state().project().articles.iter().map(|a| (a.id.clone(), words(&a.text))).collect();
    let tiers: Vec<(Key, String)> = [(Key::Num1, "1"), (Key::Num2, "2"), (Key::Num3, "3")]
        .into_iter()
        .map(|(key, k)| {
            let tier = harness.state().project().tiers.iter().find(|t| t.key == k).expect("tier with key");
            (key, tier.id.clone())
        })
        .collect();
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    let mut memory_at_quarter = None;

    for step in 0..actions {
        let roll = rng.below(100);
        let action = match roll {
            // Past 300 claims, tagging turns into deleting, so the project stays the same size
            // and any growth in memory would be a leak, not a bigger project.
            0..35 if model.claims.len() > 300 => "delete",
            0..35 => "tag",
            35..50 => "retag",
            50..60 => "delete",
            60..78 => "undo",
            78..92 => "redo",
            92..97 => "save",
            _ => "save and reload",
        };
        *counts.entry(action).or_default() += 1;
        match action {
            "tag" => {
                let article = harness.state().current_article().expect("an article on screen").id.clone();
                if harness.state().panels.article_view.article_id() != article {
                    harness.run_steps(1); // the view shows the newly chosen article from the next frame
                }
                let words = &words_of[&article];
                let first = rng.below(words.len());
                let last = (first + rng.below(4)).min(words.len() - 1);
                let (start, end) = (words[first].0, words[last].1);
                let (key, tier) = tiers[rng.below(3)].clone();
                harness.state_mut().panels.article_view.set_selection(start, end);
                harness.key_press(key);
                harness.run_steps(1);
                let id = harness.state().selection.claim.clone().unwrap_or_else(|| {
                    panic!(
                        "step {step}: the new claim is selected; notices {:?} modal {:?}",
                        harness.state().notices.iter().map(|n| &n.text).collect::<Vec<_>>(),
                        harness.state().dialogs.is_open()
                    )
                });
                model.edit(|claims| {
                    claims.insert(id, (start, end, tier));
                });
            }
            "retag" | "delete" if !model.claims.is_empty() => {
                let id = model.claims.keys().nth(rng.below(model.claims.len())).expect("claim").clone();
                harness.state_mut().select_claim(&id); // as a click on its highlight does
                harness.state_mut().panels.article_view.clear_selection();
                if action == "retag" {
                    let (key, tier) = tiers[rng.below(3)].clone();
                    harness.key_press(key);
                    if model.claims[&id].2 != tier {
                        model.edit(|claims| claims.get_mut(&id).expect("claim").2 = tier);
                    }
                } else {
                    harness.key_press(Key::Delete);
                    model.edit(|claims| {
                        claims.remove(&id);
                    });
                }
                harness.run_steps(1);
            }
            "undo" => {
                harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
                harness.run_steps(1);
                model.undo();
            }
            "redo" => {
                harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
                harness.run_steps(1);
                model.redo();
            }
            "save" | "save and reload" => {
                harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
                harness.run_steps(1);
                // The save runs on the disk writer's thread.
                let finished = harness.state_mut().wait_for_disk_work(std::time::Duration::from_secs(20));
                assert!(finished, "step {step}: the save finished");
                assert!(!harness.state().doc.editor.is_dirty(), "step {step}: saved");
                let on_disk = canonry::storage::load_file(&path).expect("the saved file loads").0.project;
                assert_eq!(&on_disk, harness.state().project(), "step {step}: the file holds what is on screen");
                if action == "save and reload" {
                    harness.state_mut().open(&path);
                    let opened = harness.state_mut().wait_for_disk_work(std::time::Duration::from_secs(20));
                    assert!(opened, "step {step}: the project was read");
                    harness.run_steps(1);
                    model.reload();
                }
            }
            _ => {}
        }
        assert_eq!(project_claims(harness.state()), model.claims, "step {step} ({action}), seed {seed}");
        // No action of a healthy session raises an error (a reload of one's own project once
        // warned "already open in another window").
        let errors: Vec<&str> = harness
            .state()
            .notices
            .iter()
            .filter(|n| n.kind == canonry::app::NoticeKind::Error)
            .map(|n| n.text.as_str())
            .collect();
        assert!(errors.is_empty(), "step {step} ({action}), seed {seed}: error notices {errors:?}");
        if step == actions / 4 {
            memory_at_quarter = resident_mib();
        }
    }

    let memory_at_end = resident_mib();
    println!(
        "soak: {actions} actions {counts:?}, {} claims at the end, resident memory {:.0} MiB after a quarter, {:.0} MiB at the end",
        model.claims.len(),
        memory_at_quarter.unwrap_or(f64::NAN),
        memory_at_end.unwrap_or(f64::NAN)
    );
    if let (Some(quarter), Some(end)) = (memory_at_quarter, memory_at_end) {
        // The project stays about the same size, the undo history is capped and caches are per
        // article: three quarters of the run must not add more than a small allowance.
        assert!(end - quarter < 24.0, "memory grew from {quarter:.0} to {end:.0} MiB");
    }
}
