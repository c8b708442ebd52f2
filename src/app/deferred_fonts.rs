//! Fallback fonts (CJK, emoji, other scripts) looked up off the window's thread.
//!
//! egui asks its font providers for a font the moment it lays out a character no installed font
//! has, and eframe's system font provider answers on the spot: it waits for the list of system
//! fonts (hundreds of milliseconds on a desktop with many fonts) and opens the font, inside the
//! frame. [`DeferredFonts`] hands the question to a worker thread and tells egui "none yet"; the
//! window installs what the worker found ([`DeferredFonts::install_found`]) and repaints. So a
//! Latin-only project never looks for a font, and a CJK title shows a few frames after the
//! first one instead of holding the first one back.

use std::collections::HashSet;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{Sender, channel};
use std::sync::{Arc, Mutex, PoisonError};

use egui::epaint::text::{FallbackRequest, FontInsert, FontProvider};
use egui::{Context, FontFamily};

/// What the worker shares with the window.
#[derive(Default)]
struct Found {
    fonts: Mutex<Vec<FontInsert>>,
    /// Lookups asked for and not answered yet.
    pending: AtomicUsize,
    /// Signalled after each answer, for [`DeferredFonts::wait_until_idle`].
    answered: (Mutex<()>, std::sync::Condvar),
}

/// Builds the provider that does the real lookup (on the worker thread).
type MakeInner = Box<dyn FnOnce() -> Box<dyn FontProvider> + Send>;

/// A [`FontProvider`] that answers through a worker thread. `make_inner` builds the provider
/// that does the real lookup, on the worker, at the first character that needs one.
pub struct DeferredFonts {
    found: Arc<Found>,
    asked: Mutex<HashSet<(char, FontFamily)>>,
    lookups: Mutex<Option<Sender<(String, FontFamily)>>>,
    make_inner: Mutex<Option<MakeInner>>,
    started: AtomicBool,
}

impl DeferredFonts {
    pub fn new<P: FontProvider + 'static>(make_inner: impl FnOnce() -> P + Send + 'static) -> Self {
        let make_inner: MakeInner = Box::new(move || Box::new(make_inner()) as Box<dyn FontProvider>);
        Self {
            found: Arc::default(),
            asked: Mutex::default(),
            lookups: Mutex::new(None),
            make_inner: Mutex::new(Some(make_inner)),
            started: AtomicBool::new(false),
        }
    }

    /// Whether any character has needed a fallback font yet.
    pub fn lookup_started(&self) -> bool {
        self.started.load(Ordering::Relaxed)
    }

    /// Lookups still running.
    pub fn pending(&self) -> usize {
        self.found.pending.load(Ordering::Acquire)
    }

    /// Waits up to `timeout` for the lookups asked so far; whether they all finished.
    pub fn wait_until_idle(&self, timeout: std::time::Duration) -> bool {
        let (lock, answered) = &self.found.answered;
        let guard = lock.lock().unwrap_or_else(PoisonError::into_inner);
        let (_guard, result) = answered
            .wait_timeout_while(guard, timeout, |()| self.pending() > 0)
            .unwrap_or_else(PoisonError::into_inner);
        !result.timed_out() || self.pending() == 0
    }

    /// Installs the fonts found since the last call (they take effect next pass) and keeps the
    /// window repainting while lookups run. Call once per frame.
    pub fn install_found(&self, ctx: &Context) {
        let found = std::mem::take(&mut *self.found.fonts.lock().unwrap_or_else(PoisonError::into_inner));
        let any = !found.is_empty();
        for font in found {
            ctx.add_font(font);
        }
        if any {
            ctx.request_repaint();
        } else if self.pending() > 0 {
            ctx.request_repaint_after(std::time::Duration::from_millis(30));
        }
    }

    fn send(&self, cluster: &str, family: &FontFamily) {
        let mut lookups = self.lookups.lock().unwrap_or_else(PoisonError::into_inner);
        if lookups.is_none() {
            *lookups = self.start();
        }
        let Some(sender) = lookups.as_ref() else { return };
        self.found.pending.fetch_add(1, Ordering::AcqRel);
        if sender.send((cluster.to_owned(), family.clone())).is_err() {
            self.found.pending.fetch_sub(1, Ordering::AcqRel);
        }
    }

    fn start(&self) -> Option<Sender<(String, FontFamily)>> {
        let make_inner = self.make_inner.lock().unwrap_or_else(PoisonError::into_inner).take()?;
        self.started.store(true, Ordering::Relaxed);
        let (sender, requests) = channel::<(String, FontFamily)>();
        let found = Arc::clone(&self.found);
        let worker = std::thread::Builder::new().name("font-lookup".into()).spawn(move || {
            let inner = make_inner();
            let mut installed: HashSet<(String, FontFamily)> = HashSet::new();
            for (cluster, family) in requests {
                let request = FallbackRequest { cluster: &cluster, family: &family };
                if let Some(font) = inner.font_for(&request)
                    && installed.insert((font.name.clone(), family.clone()))
                {
                    found.fonts.lock().unwrap_or_else(PoisonError::into_inner).push(font);
                }
                let (lock, answered) = &found.answered;
                let _guard = lock.lock().unwrap_or_else(PoisonError::into_inner);
                found.pending.fetch_sub(1, Ordering::AcqRel);
                answered.notify_all();
            }
        });
        worker.ok().map(|_| sender)
    }
}

impl std::fmt::Debug for DeferredFonts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DeferredFonts").field("pending", &self.pending()).finish_non_exhaustive()
    }
}

impl FontProvider for DeferredFonts {
    fn font_for(&self, request: &FallbackRequest<'_>) -> Option<FontInsert> {
        let first = request.cluster.chars().next()?;
        let new = self.asked.lock().unwrap_or_else(PoisonError::into_inner).insert((first, request.family.clone()));
        if new {
            self.send(request.cluster, request.family);
        }
        // Never now: the font arrives through `install_found`.
        None
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Condvar;
    use std::time::Duration;

    use egui::FontId;
    use egui::epaint::text::{FontData, InsertFontFamily};

    use super::*;

    const SYMBOLS: &[u8] = include_bytes!("../../assets/fonts/CanonrySymbols-Subset.ttf");

    /// A lookup that waits at a gate and records which thread asked.
    #[derive(Default)]
    struct Gate {
        open: Mutex<bool>,
        opened: Condvar,
        asked_on: Mutex<Vec<String>>,
    }

    /// One headless pass (its texture updates have no GPU to go to).
    fn pass(ctx: &Context, mut ui: impl FnMut(&mut egui::Ui)) {
        ctx.run_ui(egui::RawInput::default(), |u| ui(u)).textures_delta.clear();
    }

    fn has_diamond(ctx: &Context) -> bool {
        let mut has = false;
        pass(ctx, |ui| has = ui.fonts_mut(|f| f.has_glyph(&FontId::proportional(14.0), '◆')));
        has
    }

    fn provider(gate: &Arc<Gate>) -> Arc<DeferredFonts> {
        let gate = Arc::clone(gate);
        Arc::new(DeferredFonts::new(move || {
            move |request: &FallbackRequest<'_>| {
                gate.asked_on.lock().expect("gate").push(std::thread::current().name().unwrap_or("").to_owned());
                let open = gate.open.lock().expect("gate");
                // A lookup inside the frame would wait here: the timeout makes that a failure, not a hang.
                let _open = gate.opened.wait_timeout_while(open, Duration::from_secs(20), |o| !*o).expect("gate");
                request.cluster.starts_with('◆').then(|| FontInsert {
                    name: "test-symbols".into(),
                    data: FontData::from_static(SYMBOLS),
                    families: vec![InsertFontFamily {
                        family: request.family.clone(),
                        priority: egui::epaint::text::FontPriority::Lowest,
                    }],
                })
            }
        }))
    }

    #[test]
    fn a_missing_glyph_is_looked_up_off_the_frame_and_shows_once_found() {
        let gate = Arc::new(Gate::default());
        let fonts = provider(&gate);
        let ctx = Context::default();
        ctx.add_font_provider(fonts.clone());
        assert!(!has_diamond(&ctx), "not there yet: the frame did not wait for the lookup");

        *gate.open.lock().expect("gate") = true;
        gate.opened.notify_all();
        assert!(fonts.wait_until_idle(Duration::from_secs(20)), "the lookup finished");
        fonts.install_found(&ctx);
        assert!(has_diamond(&ctx), "installed once found");
        assert_eq!(*gate.asked_on.lock().expect("gate"), ["font-lookup"], "asked once, on the lookup thread");
    }

    #[test]
    fn latin_text_never_starts_a_lookup() {
        let gate = Arc::new(Gate::default());
        let fonts = provider(&gate);
        let ctx = Context::default();
        ctx.add_font_provider(fonts.clone());
        pass(&ctx, |ui| {
            ui.label("Picard's Romulan rescue mission, naïve café — “quoted”.");
        });
        assert!(!fonts.lookup_started());
    }
}
