//! Drives the real app UI frame by frame through `egui::Context::run_ui` (headless), measuring
//! each frame's CPU time (UI code plus tessellation), and reads back what a workload did: the
//! texts drawn, the text fields on screen, the part of the article in view.

use std::time::{Duration, Instant};

use canonry::app::AppState;
use egui::{Event, Key, Modifiers, PointerButton, Pos2, RawInput, Rect, Vec2, pos2};

/// One frame of a real app at 60 frames per second.
pub const FRAME_BUDGET: Duration = Duration::from_micros(16_667);

pub struct Driver {
    pub ctx: egui::Context,
    pub state: AppState,
    pub size: Vec2,
    time: f64,
    /// Paced frames sleep out the rest of [`FRAME_BUDGET`] and give egui the wall-clock time,
    /// so the app's timers (the recovery delay) run as in the real window.
    paced_since: Option<Instant>,
    /// Texts drawn in the last frame (collected outside the timed part, when `capture` is on).
    pub capture: bool,
    pub drawn: Vec<String>,
}

pub fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

impl Driver {
    pub fn new(state: AppState, size: Vec2) -> Self {
        let ctx = egui::Context::default();
        Self { ctx, state, size, time: 0.0, paced_since: None, capture: false, drawn: Vec::new() }
    }

    /// From now on, frames follow the wall clock at 60 per second.
    pub fn pace(&mut self) {
        self.paced_since = Some(Instant::now() - Duration::from_secs_f64(self.time));
    }

    /// Lets `seconds` pass before the next unpaced frame (as between two deliberate clicks).
    pub fn wait(&mut self, seconds: f64) {
        self.time += seconds;
    }

    /// Runs one frame with `events`; returns its CPU time in milliseconds.
    pub fn frame(&mut self, events: Vec<Event>) -> f64 {
        let frame_start = Instant::now();
        self.time = match self.paced_since {
            Some(since) => since.elapsed().as_secs_f64(),
            None => self.time + 1.0 / 60.0,
        };
        let input = RawInput {
            screen_rect: Some(Rect::from_min_size(Pos2::ZERO, self.size)),
            time: Some(self.time),
            events,
            ..Default::default()
        };
        let start = Instant::now();
        let state = &mut self.state;
        let mut output = self.ctx.run_ui(input, |ui| state.frame(ui));
        let ui_time = start.elapsed();
        if self.capture {
            self.drawn.clear();
            for clipped in &output.shapes {
                collect_text(&clipped.shape, &mut self.drawn);
            }
        }
        let start = Instant::now();
        let _primitives = self.ctx.tessellate(std::mem::take(&mut output.shapes), output.pixels_per_point);
        let elapsed = ui_time + start.elapsed();
        output.textures_delta.clear();
        if self.paced_since.is_some() {
            std::thread::sleep(FRAME_BUDGET.saturating_sub(frame_start.elapsed()));
        }
        ms(elapsed)
    }

    /// Runs `n` frames, the events of each made by `events`; returns every frame's time.
    pub fn frames(&mut self, n: usize, mut events: impl FnMut(usize, &mut Self) -> Vec<Event>) -> Vec<f64> {
        (0..n)
            .map(|i| {
                let e = events(i, self);
                self.frame(e)
            })
            .collect()
    }

    /// The drawn texts of the last frame that `parse` accepts.
    pub fn drawn_values<T>(&self, parse: impl Fn(&str) -> Option<T>) -> Vec<T> {
        self.drawn.iter().filter_map(|t| parse(t)).collect()
    }

    /// The text fields of the last frame (egui keeps a state for each one shown).
    pub fn text_fields(&self) -> Vec<Rect> {
        let widgets: Vec<(egui::Id, Rect)> = self.ctx.viewport(|v| {
            v.prev_pass.widgets.layers().flat_map(|(_, rects)| rects.iter().map(|w| (w.id, w.rect))).collect()
        });
        widgets
            .into_iter()
            .filter(|(id, _)| egui::TextEdit::load_state(&self.ctx, *id).is_some())
            .map(|w| w.1)
            .collect()
    }

    /// Code points of the article laid out inside the window in the last frame, probed every
    /// `stride` code points: (first, last), or `None` when nothing is.
    pub fn visible_chars(&self, stride: usize) -> Option<(usize, usize)> {
        let view = &self.state.panels.article_view;
        let len = self.state.project().articles.first().map_or(0, |a| a.text.chars().count());
        let on_screen = |c: usize| view.screen_pos_of(c).is_some_and(|p| p.y >= 0.0 && p.y <= self.size.y);
        let mut visible = (0..len).step_by(stride.max(1)).filter(|&c| on_screen(c));
        let first = visible.next()?;
        Some((first, visible.next_back().unwrap_or(first)))
    }
}

fn collect_text(shape: &egui::Shape, out: &mut Vec<String>) {
    match shape {
        egui::Shape::Text(text) => out.push(text.galley.text().to_owned()),
        egui::Shape::Vec(shapes) => shapes.iter().for_each(|s| collect_text(s, out)),
        _ => {}
    }
}

pub fn key_with(key: Key, modifiers: Modifiers) -> Vec<Event> {
    let press = |pressed| Event::Key { key, physical_key: None, pressed, repeat: false, modifiers };
    vec![press(true), press(false)]
}

pub fn key(key: Key) -> Vec<Event> {
    key_with(key, Modifiers::NONE)
}

/// Ctrl+S as winit reports it on Linux (Ctrl is also egui's "command" there).
pub fn ctrl_s() -> Vec<Event> {
    key_with(Key::S, Modifiers { ctrl: true, command: true, ..Modifiers::NONE })
}

pub fn press(pos: Pos2, pressed: bool) -> Event {
    Event::PointerButton { pos, button: PointerButton::Primary, pressed, modifiers: Modifiers::NONE }
}

pub fn click(pos: Pos2) -> Vec<Event> {
    vec![Event::PointerMoved(pos), press(pos, true), press(pos, false)]
}

pub fn double_click(pos: Pos2) -> Vec<Event> {
    vec![Event::PointerMoved(pos), press(pos, true), press(pos, false), press(pos, true), press(pos, false)]
}

/// The mouse wheel over `pos`, `dy` points (negative scrolls down the text).
pub fn wheel(pos: Pos2, dy: f32) -> Vec<Event> {
    vec![
        Event::PointerMoved(pos),
        Event::MouseWheel {
            unit: egui::MouseWheelUnit::Point,
            delta: egui::vec2(0.0, dy),
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Wheel,
            modifiers: Modifiers::NONE,
        },
    ]
}

/// Where the reader's text is (between the side panes of a 1280-point window).
pub const OVER_TEXT: Pos2 = pos2(640.0, 400.0);

/// Sorted frame times: p50, p99, max.
pub struct FrameStats {
    pub p50: f64,
    pub p99: f64,
    pub max: f64,
    pub frames: usize,
}

impl FrameStats {
    pub fn of(times: &[f64]) -> Self {
        let mut sorted = times.to_vec();
        sorted.sort_by(f64::total_cmp);
        let at = |q: f64| sorted.get(((sorted.len() as f64 - 1.0) * q).round() as usize).copied().unwrap_or(0.0);
        Self { p50: at(0.5), p99: at(0.99), max: at(1.0), frames: sorted.len() }
    }
}
