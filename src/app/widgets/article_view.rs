//! The article reader: read-only text with claim highlights and our own text selection.
//!
//! Book-length articles stay fast because the text is split into paragraphs and only the visible
//! ones are laid out and painted (`ScrollArea::show_viewport`); the others have estimated
//! heights until they scroll into view. A width change therefore re-wraps a screenful, not the
//! book. The selection is ours (char offsets into the article), not a TextEdit's, so clicking a
//! tier button or another pane never loses what the reader selected.

use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use egui::text::ByteIndex;
use egui::text::{CCursor, LayoutJob, TextFormat};
use egui::{Color32, FontId, Galley, Pos2, Rect, Sense, Shape, Stroke, Ui, pos2, vec2};

use crate::model::{Article, Project, TierCue};

/// A paragraph: one line of the article text (code-point and byte ranges, without the `\n`).
#[derive(Debug, Clone, Copy)]
struct Block {
    start: usize,
    end: usize,
    byte_start: usize,
    byte_end: usize,
}

/// A claim's highlight on this article.
#[derive(Debug, Clone)]
struct Span {
    claim: String,
    start: usize,
    end: usize,
    color: Color32,
    cue: TierCue,
    /// Overlapping claims get different lanes, so their underlines stack instead of merging.
    lane: u8,
    /// A spoiler not yet revealed: its words are covered.
    hidden: bool,
}

/// What the reader has selected: `anchor` where the selection started, `cursor` where it ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TextSelection {
    pub anchor: usize,
    pub cursor: usize,
}

impl TextSelection {
    pub fn range(self) -> (usize, usize) {
        (self.anchor.min(self.cursor), self.anchor.max(self.cursor))
    }

    pub fn is_empty(self) -> bool {
        self.anchor == self.cursor
    }
}

/// What happened in the view this frame.
#[derive(Debug, Default)]
pub struct ViewOutput {
    /// A single click on a highlight: the claim under the pointer.
    pub clicked_claim: Option<String>,
    /// A click on plain text (no drag): the claim selection should clear.
    pub clicked_plain_text: bool,
    /// Screen rect of the selection's start (else its end, when the start is scrolled away),
    /// for placing the tier toolbar.
    pub selection_rect: Option<Rect>,
}

pub struct ArticleView {
    article_id: String,
    text_len: usize,
    blocks: Vec<Block>,
    spans: Vec<Span>,
    block_spans: Vec<Vec<u32>>,
    /// (structure revision, number of revealed spoilers, selected claim) the spans were built for.
    spans_key: (u64, usize, Option<String>),
    /// Glossary mentions of the article: code-point ranges, and per paragraph their indices.
    names: Vec<(usize, usize)>,
    block_names: Vec<Vec<u32>>,
    /// (article, fingerprint of the glossary's terms) the mentions were found for.
    names_key: (String, u64),
    /// The names must be checked against the project before the next paint.
    names_pending: bool,
    /// Paragraphs laid out for the last paint, for hit tests and keyboard moves. Painting asks
    /// egui for each visible one again: egui's cache answers without laying out, and knows
    /// when its font atlas was cleared (a font added, the atlas full) and old galleys went stale.
    galleys: HashMap<usize, Arc<Galley>>,
    heights: Vec<f32>,
    tops: Vec<f32>,
    tops_dirty: bool,
    layout_key: (u32, u32, bool),
    pub selection: TextSelection,
    /// A selection to make once the article it belongs to is loaded (search results).
    pub pending_selection: Option<(usize, usize)>,
    dragging: bool,
    scroll_to_char: Option<usize>,
    /// Sentence boundaries of the article, found on the first Alt+click.
    sentences: Option<Vec<(usize, usize)>>,
    /// Where the text's top-left was on screen last frame (for hit tests outside `show`).
    origin: Pos2,
    pub id: egui::Id,
}

const PARAGRAPH_GAP: f32 = 0.35; // in lines
const SIDE_MARGIN: f32 = 12.0;

impl Default for ArticleView {
    fn default() -> Self {
        Self {
            article_id: String::new(),
            text_len: 0,
            blocks: Vec::new(),
            spans: Vec::new(),
            block_spans: Vec::new(),
            spans_key: (u64::MAX, 0, None),
            names: Vec::new(),
            block_names: Vec::new(),
            names_key: (String::new(), 0),
            names_pending: true,
            galleys: HashMap::new(),
            heights: Vec::new(),
            tops: Vec::new(),
            tops_dirty: true,
            layout_key: (0, 0, false),
            selection: TextSelection::default(),
            pending_selection: None,
            dragging: false,
            scroll_to_char: None,
            sentences: None,
            origin: Pos2::ZERO,
            id: egui::Id::unique("canonry-article-view"),
        }
    }
}

impl ArticleView {
    /// Gives the reader keyboard focus (so tier keys and Shift+arrows act on it).
    pub fn focus(&self, ctx: &egui::Context) {
        ctx.memory_mut(|m| m.request_focus(self.id));
    }

    /// Scrolls so that code point `char_offset` is in view on the next frame.
    pub fn scroll_to(&mut self, char_offset: usize) {
        self.scroll_to_char = Some(char_offset);
    }

    pub fn set_selection(&mut self, start: usize, end: usize) {
        self.selection = TextSelection { anchor: start.min(self.text_len), cursor: end.min(self.text_len) };
    }

    pub fn clear_selection(&mut self) {
        self.selection = TextSelection { anchor: self.selection.cursor, cursor: self.selection.cursor };
    }

    /// The article shown last frame.
    /// The width the text was last wrapped to, in points (0 before the first frame).
    pub fn wrap_width(&self) -> f32 {
        self.layout_key.0 as f32
    }

    pub fn article_id(&self) -> &str {
        &self.article_id
    }

    fn load_article(&mut self, article: &Article) {
        self.article_id = article.id.clone();
        self.blocks.clear();
        let mut char_pos = 0;
        let mut byte_pos = 0;
        for line in article.text.split('\n') {
            let chars = line.chars().count();
            self.blocks.push(Block {
                start: char_pos,
                end: char_pos + chars,
                byte_start: byte_pos,
                byte_end: byte_pos + line.len(),
            });
            char_pos += chars + 1;
            byte_pos += line.len() + 1;
        }
        self.text_len = char_pos.saturating_sub(1);
        self.galleys.clear();
        self.heights = vec![0.0; self.blocks.len()];
        self.layout_key = (0, 0, false); // forces height estimates
        self.spans_key = (u64::MAX, 0, None);
        self.names_key = (String::new(), 0);
        self.selection = TextSelection::default();
        self.dragging = false;
        self.sentences = None;
    }

    /// The sentence around code point `c` (Unicode boundaries, abbreviations kept together).
    fn sentence_at(&mut self, text: &str, c: usize) -> (usize, usize) {
        let sentences = self.sentences.get_or_insert_with(|| crate::suggest::sentences(text));
        let i = sentences.partition_point(|&(_, end)| end <= c);
        sentences.get(i).copied().filter(|&(s, _)| s <= c).unwrap_or((c, c))
    }

    fn rebuild_spans(&mut self, project: &Project, revision: u64, revealed: &HashSet<String>) {
        self.spans.clear();
        let today = crate::model::today();
        let rule = crate::lore::spoilers::SpoilerRule::with_revealed(&today, revealed);
        for claim in project.claims_of(&self.article_id).filter(|c| !c.anchor.is_orphaned()) {
            let hidden = rule.claim_hidden(project, claim);
            let (color, cue) = project.tier(&claim.tier).map_or((Color32::GRAY, TierCue::Outline), |t| {
                let [r, g, b] = t.rgb();
                (Color32::from_rgb(r, g, b), t.cue)
            });
            let (start, end) = (claim.anchor.start.min(self.text_len), claim.anchor.end.min(self.text_len));
            if start < end {
                self.spans.push(Span { claim: claim.id.clone(), start, end, color, cue, lane: 0, hidden });
            }
        }
        self.spans.sort_by_key(|s| (s.start, std::cmp::Reverse(s.end)));
        let mut lane_ends: Vec<usize> = Vec::new();
        for span in &mut self.spans {
            let lane = lane_ends.iter().position(|&end| end <= span.start).unwrap_or(lane_ends.len());
            if lane == lane_ends.len() {
                lane_ends.push(0);
            }
            lane_ends[lane] = span.end;
            span.lane = lane.min(3) as u8;
        }
        self.block_spans = vec![Vec::new(); self.blocks.len()];
        for (i, span) in self.spans.iter().enumerate() {
            let first = self.blocks.partition_point(|b| b.end < span.start);
            for (b, block) in self.blocks.iter().enumerate().skip(first) {
                if block.start >= span.end {
                    break;
                }
                self.block_spans[b].push(i as u32);
            }
        }
        self.spans_key.0 = revision;
        self.spans_key.1 = revealed.len();
    }

    /// Finds the glossary's names in the article again when the article or the names changed
    /// (not on every edit: a book-length article takes a few milliseconds to scan).
    fn rebuild_names(&mut self, project: &Project, article: &Article) {
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        for entry in &project.glossary {
            entry.terms().for_each(|t| t.hash(&mut hasher));
        }
        let key = (article.id.clone(), hasher.finish());
        if self.names_key == key {
            return;
        }
        let matcher = crate::lore::glossary::NameMatcher::new(&project.glossary);
        self.names = matcher.mentions(&article.text).iter().map(|m| (m.start, m.end)).collect();
        self.block_names = vec![Vec::new(); self.blocks.len()];
        for (i, &(start, end)) in self.names.iter().enumerate() {
            let b = self.blocks.partition_point(|b| b.end < start);
            if let Some(block) = self.blocks.get(b)
                && end <= block.end
            {
                self.block_names[b].push(i as u32);
            }
        }
        self.names_key = key;
    }

    /// Draws the article and handles selection. `revision` is the editor's revision: highlights
    /// are rebuilt when it moves.
    #[expect(clippy::too_many_arguments)]
    pub fn show(
        &mut self,
        ui: &mut Ui,
        article: &Article,
        project: &Project,
        revision: u64,
        revealed: &HashSet<String>,
        selected_claim: Option<&str>,
        font_size: f32,
    ) -> ViewOutput {
        if self.article_id != article.id || self.blocks.is_empty() {
            self.load_article(article);
        }
        if let Some((start, end)) = self.pending_selection.take() {
            self.set_selection(start, end);
        }
        let selected_key = selected_claim.map(str::to_owned);
        if self.spans_key.0 != revision || self.spans_key.1 != revealed.len() {
            self.rebuild_spans(project, revision, revealed);
            self.names_pending = true;
        }
        if self.names_pending {
            // Glossary names are a subtle extra: on the app's first frame they wait one frame,
            // so opening a book-length project shows its text as soon as possible.
            if ui.ctx().cumulative_frame_nr() > 0 {
                self.rebuild_names(project, article);
                self.names_pending = false;
            } else {
                ui.ctx().request_repaint();
            }
        }
        self.spans_key.2 = selected_key;

        let mut output = ViewOutput::default();
        let mut scroll_area = egui::ScrollArea::vertical().id_salt("article-scroll").auto_shrink(false);
        if let Some(target) = self.scroll_to_char.take() {
            let block = self.blocks.partition_point(|b| b.end < target).min(self.blocks.len().saturating_sub(1));
            self.update_tops();
            let y = self.tops.get(block).copied().unwrap_or(0.0);
            scroll_area = scroll_area.vertical_scroll_offset((y - 80.0).max(0.0));
        }
        scroll_area.show_viewport(ui, |ui, viewport| {
            self.show_text(ui, viewport, article, selected_claim, font_size, &mut output);
        });
        output
    }

    fn show_text(
        &mut self,
        ui: &mut Ui,
        viewport: Rect,
        article: &Article,
        selected_claim: Option<&str>,
        font_size: f32,
        output: &mut ViewOutput,
    ) {
        let width = (ui.available_width() - 2.0 * SIDE_MARGIN).max(50.0);
        let dark = ui.visuals().dark_mode;
        let key = (width.round() as u32, font_size.to_bits(), dark);
        let line_height = font_size * 1.5;
        if key != self.layout_key {
            // Width, size or theme changed: forget layouts, estimate heights; only the visible
            // paragraphs get laid out again below.
            self.galleys.clear();
            let chars_per_line = (width / (font_size * 0.5)).max(1.0);
            for (height, block) in self.heights.iter_mut().zip(&self.blocks) {
                let rows = ((block.end - block.start) as f32 / chars_per_line).ceil();
                *height = rows * line_height;
            }
            self.layout_key = key;
            self.tops_dirty = true;
        }
        self.update_tops();
        let gap = line_height * PARAGRAPH_GAP;
        let total = self.tops.last().copied().unwrap_or(0.0) + self.heights.last().copied().unwrap_or(0.0) + gap;
        let (rect, _) = ui.allocate_exact_size(vec2(ui.available_width(), total), Sense::hover());
        let response = ui.interact(rect, self.id, Sense::click_and_drag()).on_hover_cursor(egui::CursorIcon::Text);
        if response.has_focus() {
            // Arrows and Tab belong to the reader (selection, next claim) while it has focus.
            let filter = egui::EventFilter { tab: true, horizontal_arrows: true, vertical_arrows: true, escape: false };
            ui.memory_mut(|m| m.set_focus_lock_filter(self.id, filter));
        }
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Document, true, "Article text"));
        let origin = rect.min + vec2(SIDE_MARGIN, 0.0);
        self.origin = origin;

        // Lay out and paint the visible paragraphs only.
        let first = self.tops.partition_point(|&top| top <= viewport.min.y).saturating_sub(1);
        let painter = ui.painter_at(ui.clip_rect());
        let text_color = ui.visuals().text_color();
        let selection_color = ui.visuals().selection.bg_fill.gamma_multiply(if dark { 0.7 } else { 0.5 });
        let (sel_start, sel_end) = self.selection.range();
        let mut heights_changed = false;
        for b in first..self.blocks.len() {
            let top = self.tops[b];
            if top > viewport.max.y {
                break;
            }
            let galley = self.galley(ui, article, b, width, font_size, text_color, dark);
            // Blank lines take no room of their own: the paragraph gaps separate paragraphs.
            let height = if block_is_empty(&self.blocks[b]) { 0.0 } else { galley.size().y.max(line_height) };
            if (height - self.heights[b]).abs() > 0.5 {
                self.heights[b] = height;
                heights_changed = true;
            }
            let block = self.blocks[b];
            let pos = origin + vec2(0.0, top);
            if sel_start < sel_end && sel_start <= block.end && sel_end >= block.start {
                let from = sel_start.max(block.start) - block.start;
                let to = sel_end.min(block.end) - block.start;
                for r in range_rects(&galley, from, to, sel_end > block.end) {
                    painter.rect_filled(r.translate(pos.to_vec2()), 2.0, selection_color);
                }
            }
            painter.galley(pos, galley.clone(), text_color);
            self.paint_cues(&painter, &galley, b, pos, selected_claim, text_color);
            if sel_start < sel_end {
                if (block.start..=block.end).contains(&sel_start) {
                    let r = galley.pos_from_cursor(CCursor::new(sel_start - block.start));
                    output.selection_rect = Some(r.translate(pos.to_vec2()));
                } else if output.selection_rect.is_none() && (block.start..=block.end).contains(&sel_end) {
                    let r = galley.pos_from_cursor(CCursor::new(sel_end - block.start));
                    output.selection_rect = Some(r.translate(pos.to_vec2()));
                }
            }
        }
        if heights_changed {
            self.tops_dirty = true;
            ui.ctx().request_repaint();
        }

        self.handle_pointer(ui, &response, article, output);
        self.handle_keys(ui, &response, article);
    }

    fn update_tops(&mut self) {
        if !self.tops_dirty && self.tops.len() == self.blocks.len() {
            return;
        }
        let (_, size_bits, _) = self.layout_key;
        let gap = f32::from_bits(size_bits).max(8.0) * 1.5 * PARAGRAPH_GAP;
        self.tops.clear();
        let mut y = 0.0;
        for h in &self.heights {
            self.tops.push(y);
            y += h + gap;
        }
        self.tops_dirty = false;
    }

    #[expect(clippy::too_many_arguments)]
    fn galley(
        &mut self,
        ui: &Ui,
        article: &Article,
        b: usize,
        width: f32,
        font_size: f32,
        text_color: Color32,
        dark: bool,
    ) -> Arc<Galley> {
        let block = self.blocks[b];
        let spans: Vec<&Span> = self
            .block_spans
            .get(b)
            .map_or(Vec::new(), |ids| ids.iter().filter_map(|&i| self.spans.get(i as usize)).collect());
        let text = article.text.get(block.byte_start..block.byte_end).unwrap_or_default();
        let job = paragraph_job(text, block.start, &spans, width, font_size, text_color, dark);
        let galley = ui.fonts_mut(|fonts| fonts.layout_job(job));
        self.galleys.insert(b, galley.clone());
        galley
    }

    fn paint_cues(
        &self,
        painter: &egui::Painter,
        galley: &Galley,
        b: usize,
        pos: Pos2,
        selected_claim: Option<&str>,
        text_color: Color32,
    ) {
        let block = self.blocks[b];
        // Glossary names: a faint dotted line under the text, below the claims' underlines.
        let name_color = text_color.gamma_multiply(0.35);
        for &i in self.block_names.get(b).map_or(&[][..], Vec::as_slice) {
            let Some(&(start, end)) = self.names.get(i as usize) else { continue };
            for r in range_rects(galley, start - block.start, end - block.start, false) {
                let r = r.translate(pos.to_vec2());
                let y = r.bottom() + 1.0;
                painter.extend(Shape::dotted_line(&[pos2(r.left(), y), pos2(r.right(), y)], name_color, 3.0, 0.6));
            }
        }
        for &i in self.block_spans.get(b).map_or(&[][..], Vec::as_slice) {
            let Some(span) = self.spans.get(i as usize) else { continue };
            let from = span.start.max(block.start) - block.start;
            let to = span.end.min(block.end) - block.start;
            for r in range_rects(galley, from, to, false) {
                let r = r.translate(pos.to_vec2());
                if span.hidden {
                    // A spoiler: the words are covered until the user reveals them.
                    // Opaque: the words beneath must not show through.
                    painter.rect_filled(r.expand(1.0), 3.0, text_color.to_opaque());
                    painter.rect_stroke(r.expand(1.0), 3.0, Stroke::new(1.0, span.color), egui::StrokeKind::Outside);
                    continue;
                }
                let y = r.bottom() - 1.0 - f32::from(span.lane) * 3.0;
                let (a, z) = (pos2(r.left(), y), pos2(r.right(), y));
                let stroke = Stroke::new(1.5, span.color);
                match span.cue {
                    TierCue::SolidUnderline => {
                        painter.line_segment([a, z], stroke);
                    }
                    TierCue::DashedUnderline => painter.extend(Shape::dashed_line(&[a, z], stroke, 6.0, 3.0)),
                    TierCue::DottedUnderline => painter.extend(Shape::dotted_line(&[a, z], span.color, 4.0, 1.1)),
                    TierCue::DoubleUnderline => {
                        painter.line_segment([a, z], Stroke::new(1.0, span.color));
                        painter.line_segment([a - vec2(0.0, 2.5), z - vec2(0.0, 2.5)], Stroke::new(1.0, span.color));
                    }
                    TierCue::Outline => {
                        painter.rect_stroke(r, 2.0, Stroke::new(1.0, span.color), egui::StrokeKind::Inside);
                    }
                }
                if selected_claim == Some(span.claim.as_str()) {
                    painter.rect_stroke(r.expand(1.0), 2.0, Stroke::new(2.0, text_color), egui::StrokeKind::Outside);
                }
            }
        }
    }

    /// The code point under a screen position (clamped to the text).
    fn hit(&self, pos: Pos2) -> usize {
        let y = pos.y - self.origin.y;
        let b = self.tops.partition_point(|&top| top <= y).saturating_sub(1);
        let Some(block) = self.blocks.get(b) else { return 0 };
        match self.galleys.get(&b) {
            Some(galley) => {
                let local = pos - (self.origin + vec2(0.0, self.tops[b]));
                (block.start + galley.cursor_from_pos(local).index.0).min(block.end)
            }
            None => block.start,
        }
    }

    /// Screen position of code point `char_offset`, if its paragraph is laid out (tests use it
    /// to drive the mouse).
    pub fn screen_pos_of(&self, char_offset: usize) -> Option<Pos2> {
        let b = self.blocks.partition_point(|b| b.end < char_offset);
        let block = self.blocks.get(b)?;
        let galley = self.galleys.get(&b)?;
        let r = galley.pos_from_cursor(CCursor::new(char_offset - block.start));
        Some(self.origin + vec2(0.0, self.tops[b]) + r.center().to_vec2())
    }

    fn handle_pointer(&mut self, ui: &Ui, response: &egui::Response, article: &Article, output: &mut ViewOutput) {
        // Pointer events in order: a fast drag (or a test) can press, move and release within
        // one frame, which egui's per-frame pointer summary would lose.
        let (events, down, pointer) =
            ui.input(|i| (i.events.clone(), i.pointer.primary_down(), i.pointer.interact_pos()));
        let mut last_press = None;
        let mut alt_selected = false;
        for event in &events {
            match *event {
                egui::Event::PointerButton { pos, button: egui::PointerButton::Primary, pressed: true, modifiers } => {
                    let on_text = response.rect.contains(pos)
                        && ui.clip_rect().contains(pos)
                        && ui.ctx().layer_id_at(pos) == Some(ui.layer_id());
                    if on_text && modifiers.alt {
                        // Alt+click: that sentence; Alt+Shift+click: extend by whole sentences.
                        let c = self.hit(pos);
                        let (s, e) = self.sentence_at(&article.text, c);
                        if modifiers.shift && !self.selection.is_empty() {
                            let (a, z) = self.selection.range();
                            let (first, _) = self.sentence_at(&article.text, a.min(s));
                            self.selection = TextSelection { anchor: first.min(s), cursor: z.max(e) };
                        } else {
                            self.selection = TextSelection { anchor: s, cursor: e };
                        }
                        response.request_focus();
                        alt_selected = true;
                    } else if on_text {
                        let c = self.hit(pos);
                        if modifiers.shift {
                            self.selection.cursor = c;
                        } else {
                            self.selection = TextSelection { anchor: c, cursor: c };
                        }
                        self.dragging = true;
                        last_press = Some(pos);
                        response.request_focus();
                    }
                }
                egui::Event::PointerMoved(pos) if self.dragging => self.selection.cursor = self.hit(pos),
                egui::Event::PointerButton { pos, button: egui::PointerButton::Primary, pressed: false, .. }
                    if self.dragging =>
                {
                    self.selection.cursor = self.hit(pos);
                    self.dragging = false;
                }
                _ => {}
            }
        }
        if self.dragging
            && down
            && let Some(pos) = pointer
        {
            // Dragging past the edge scrolls.
            let clip = ui.clip_rect();
            if pos.y < clip.top() + 10.0 {
                ui.scroll_with_delta(vec2(0.0, 10.0));
            } else if pos.y > clip.bottom() - 10.0 {
                ui.scroll_with_delta(vec2(0.0, -10.0));
            }
        }
        if !down && !ui.input(|i| i.pointer.any_down()) {
            self.dragging = false;
        }
        // Press and release can arrive in one frame, when `interact_pointer_pos` is empty.
        if alt_selected {
            return;
        }
        if let Some(pos) = last_press.or_else(|| response.interact_pointer_pos()) {
            let c = self.hit(pos);
            if response.triple_clicked() {
                if let Some(block) = self.blocks.get(self.block_of(c)) {
                    self.selection = TextSelection { anchor: block.start, cursor: block.end };
                }
            } else if response.double_clicked() {
                let (start, end) = word_at(&article.text, &self.blocks, self.block_of(c), c);
                self.selection = TextSelection { anchor: start, cursor: end };
            } else if response.clicked() && self.selection.is_empty() {
                match self.innermost_claim_at(c) {
                    Some(claim) => output.clicked_claim = Some(claim),
                    None => output.clicked_plain_text = true,
                }
            }
        }
    }

    fn handle_keys(&mut self, ui: &Ui, response: &egui::Response, article: &Article) {
        if !response.has_focus() {
            return;
        }
        let events = ui.input(|i| i.events.clone());
        for event in events {
            let egui::Event::Key { key, pressed: true, modifiers, .. } = event else { continue };
            let step = |c: usize, forward: bool| {
                if modifiers.command || modifiers.alt {
                    word_step(&article.text, &self.blocks, c, forward)
                } else if forward {
                    (c + 1).min(self.text_len)
                } else {
                    c.saturating_sub(1)
                }
            };
            let moved = match key {
                egui::Key::ArrowLeft => Some(step(self.selection.cursor, false)),
                egui::Key::ArrowRight => Some(step(self.selection.cursor, true)),
                egui::Key::ArrowUp => Some(self.vertical_step(self.selection.cursor, false)),
                egui::Key::ArrowDown => Some(self.vertical_step(self.selection.cursor, true)),
                egui::Key::Home => self.blocks.get(self.block_of(self.selection.cursor)).map(|b| b.start),
                egui::Key::End => self.blocks.get(self.block_of(self.selection.cursor)).map(|b| b.end),
                egui::Key::A if modifiers.command => {
                    self.selection = TextSelection { anchor: 0, cursor: self.text_len };
                    None
                }
                egui::Key::Escape => {
                    self.clear_selection();
                    None
                }
                _ => None,
            };
            if let Some(c) = moved {
                if modifiers.shift {
                    self.selection.cursor = c;
                } else {
                    self.selection = TextSelection { anchor: c, cursor: c };
                }
                self.scroll_to_char = Some(c).filter(|_| !self.is_char_visible(ui, c));
            }
        }
        // Copy the selection.
        if ui.input(|i| i.events.iter().any(|e| matches!(e, egui::Event::Copy))) && !self.selection.is_empty() {
            let (s, e) = self.selection.range();
            let index = crate::text::CharIndex::new(&article.text);
            if let Some(text) = index.slice(&article.text, s, e) {
                ui.ctx().copy_text(text.to_owned());
            }
        }
    }

    fn is_char_visible(&self, ui: &Ui, c: usize) -> bool {
        self.screen_pos_of(c).is_some_and(|p| ui.clip_rect().contains(p))
    }

    fn block_of(&self, c: usize) -> usize {
        self.blocks.partition_point(|b| b.end < c).min(self.blocks.len().saturating_sub(1))
    }

    /// One row up or down, keeping the x position, within and across paragraphs.
    fn vertical_step(&self, c: usize, down: bool) -> usize {
        let b = self.block_of(c);
        let Some(block) = self.blocks.get(b) else { return c };
        if let Some(galley) = self.galleys.get(&b) {
            let here = galley.pos_from_cursor(CCursor::new(c - block.start));
            let target_y = if down { here.bottom() + 2.0 } else { here.top() - 2.0 };
            if target_y >= 0.0 && target_y <= galley.size().y {
                let local = galley.cursor_from_pos(vec2(here.left(), target_y));
                return (block.start + local.index.0).min(block.end);
            }
        }
        let next = if down { b + 1 } else { b.wrapping_sub(1) };
        match self.blocks.get(next) {
            Some(n) => (n.start + (c - block.start)).min(n.end),
            None => c,
        }
    }

    fn innermost_claim_at(&self, c: usize) -> Option<String> {
        let b = self.block_of(c);
        self.block_spans
            .get(b)?
            .iter()
            .filter_map(|&i| self.spans.get(i as usize))
            .filter(|s| s.start <= c && c < s.end)
            .min_by_key(|s| s.end - s.start)
            .map(|s| s.claim.clone())
    }
}

/// The layout of one paragraph with claim backgrounds. Overlaps get a stronger background.
fn paragraph_job(
    text: &str,
    block_start: usize,
    spans: &[&Span],
    width: f32,
    font_size: f32,
    text_color: Color32,
    dark: bool,
) -> LayoutJob {
    let mut job = LayoutJob { text: text.to_owned(), ..Default::default() };
    job.wrap.max_width = width;
    let base = TextFormat {
        font_id: FontId::proportional(font_size),
        color: text_color,
        line_height: Some(font_size * 1.5),
        ..Default::default()
    };
    let char_to_byte: Vec<usize> = text.char_indices().map(|(b, _)| b).chain(std::iter::once(text.len())).collect();
    let mut cuts: Vec<usize> = vec![0, char_to_byte.len() - 1];
    for s in spans {
        for edge in [s.start, s.end] {
            if edge > block_start {
                cuts.push((edge - block_start).min(char_to_byte.len() - 1));
            }
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    let alpha = if dark { 70 } else { 55 };
    for pair in cuts.windows(2) {
        let (a, z) = (pair[0], pair[1]);
        let covering: Vec<&&Span> =
            spans.iter().filter(|s| s.start <= block_start + a && s.end >= block_start + z).collect();
        let mut format = base.clone();
        if let Some(inner) = covering.iter().min_by_key(|s| s.end - s.start) {
            let layers = covering.len().min(3) as u8;
            let [r, g, b, _] = inner.color.to_array();
            format.background = Color32::from_rgba_unmultiplied(r, g, b, alpha * layers.min(2) + 10 * (layers - 1));
        }
        job.sections.push(egui::text::LayoutSection {
            leading_space: 0.0,
            byte_range: ByteIndex(char_to_byte[a])..ByteIndex(char_to_byte[z]),
            format,
        });
    }
    if job.sections.is_empty() {
        job.sections.push(egui::text::LayoutSection {
            leading_space: 0.0,
            byte_range: ByteIndex(0)..ByteIndex(text.len()),
            format: base,
        });
    }
    job
}

/// Rects (galley-relative) covering chars `from..to` of a galley, one per row.
fn range_rects(galley: &Galley, from: usize, to: usize, include_end_of_paragraph: bool) -> Vec<Rect> {
    let mut rects = Vec::new();
    let mut row_start = 0;
    for row in &galley.rows {
        let count = row.char_count_excluding_newline().0;
        let row_end = row_start + count;
        let a = from.max(row_start);
        let z = to.min(row_end);
        if a < z || (include_end_of_paragraph && a == z && to > row_end && a == row_end && from <= row_end) {
            let x0 = row.pos.x + row.x_offset(egui::text::CharIndex(a - row_start));
            let mut x1 = row.pos.x + row.x_offset(egui::text::CharIndex(z - row_start));
            if include_end_of_paragraph && to > row_end && z == row_end {
                x1 += 4.0;
            }
            rects.push(Rect::from_min_max(pos2(x0, row.min_y()), pos2(x1, row.max_y())));
        }
        row_start += row.char_count_including_newline().0;
    }
    rects
}

fn block_is_empty(block: &Block) -> bool {
    block.start == block.end
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '\'' || c == '’'
}

/// The word around `c` (chars), within its paragraph.
fn word_at(text: &str, blocks: &[Block], b: usize, c: usize) -> (usize, usize) {
    let Some(block) = blocks.get(b) else { return (c, c) };
    let chars: Vec<char> = text.get(block.byte_start..block.byte_end).unwrap_or_default().chars().collect();
    let local = (c - block.start).min(chars.len());
    let probe = if local < chars.len() && is_word_char(chars[local]) {
        local
    } else if local > 0 && is_word_char(chars[local - 1]) {
        local - 1
    } else {
        return (c, (c + 1).min(block.end));
    };
    let mut start = probe;
    while start > 0 && is_word_char(chars[start - 1]) {
        start -= 1;
    }
    let mut end = probe;
    while end < chars.len() && is_word_char(chars[end]) {
        end += 1;
    }
    // Trailing apostrophes (possessives quoted at the end) are not part of the word.
    while end > start && matches!(chars[end - 1], '\'' | '’') {
        end -= 1;
    }
    (block.start + start, block.start + end)
}

/// The next word boundary from `c` (for Ctrl+Shift+Arrow).
fn word_step(text: &str, blocks: &[Block], c: usize, forward: bool) -> usize {
    let b = blocks.partition_point(|b| b.end < c).min(blocks.len().saturating_sub(1));
    let Some(block) = blocks.get(b) else { return c };
    let chars: Vec<char> = text.get(block.byte_start..block.byte_end).unwrap_or_default().chars().collect();
    let mut i = (c - block.start).min(chars.len());
    if forward {
        if i == chars.len() {
            return blocks.get(b + 1).map_or(c, |n| n.start);
        }
        while i < chars.len() && !is_word_char(chars[i]) {
            i += 1;
        }
        while i < chars.len() && is_word_char(chars[i]) {
            i += 1;
        }
    } else {
        if i == 0 {
            return if b == 0 { c } else { blocks[b - 1].end };
        }
        while i > 0 && !is_word_char(chars[i - 1]) {
            i -= 1;
        }
        while i > 0 && is_word_char(chars[i - 1]) {
            i -= 1;
        }
    }
    block.start + i
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks_of(text: &str) -> Vec<Block> {
        let mut view = ArticleView::default();
        view.load_article(&Article::new("t", text));
        view.blocks
    }

    /// One headless pass showing `article`; returns the galley of its first paragraph.
    fn paint(ctx: &egui::Context, view: &mut ArticleView, article: &Article, project: &Project) -> Arc<Galley> {
        let revealed = HashSet::new();
        let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
            view.show(ui, article, project, 0, &revealed, None, 16.0);
        });
        // No GPU takes the texture updates.
        output.textures_delta.clear();
        view.galleys.get(&0).cloned().expect("the first paragraph is laid out")
    }

    #[test]
    fn a_font_added_mid_session_lays_the_text_out_again() {
        // Galleys point into egui's font atlas; one kept across a font change paints garbage.
        let ctx = egui::Context::default();
        let project = Project::new("t");
        let article = Article::new("t", "Picard's Romulan rescue.\n\nSecond paragraph.");
        let mut view = ArticleView::default();
        let first = paint(&ctx, &mut view, &article, &project);
        assert!(Arc::ptr_eq(&first, &paint(&ctx, &mut view, &article, &project)), "unchanged fonts: reused");
        let symbols = egui::FontData::from_static(include_bytes!("../../../assets/fonts/CanonrySymbols-Subset.ttf"));
        let family = egui::epaint::text::InsertFontFamily {
            family: egui::FontFamily::Proportional,
            priority: egui::epaint::text::FontPriority::Lowest,
        };
        ctx.add_font(egui::epaint::text::FontInsert::new("late-font", symbols, vec![family]));
        let _ = paint(&ctx, &mut view, &article, &project);
        let after = paint(&ctx, &mut view, &article, &project);
        assert!(!Arc::ptr_eq(&first, &after), "laid out again with the new fonts");
    }

    #[test]
    fn words_and_steps() {
        let text = "Picard's ship, La Sirena.\nSecond line";
        let blocks = blocks_of(text);
        assert_eq!(word_at(text, &blocks, 0, 2), (0, 8));
        assert_eq!(word_at(text, &blocks, 0, 10), (9, 13));
        assert_eq!(word_step(text, &blocks, 0, true), 8);
        assert_eq!(word_step(text, &blocks, 25, true), 26);
        assert_eq!(word_step(text, &blocks, 26, false), 25);
        assert_eq!(word_at(text, &blocks, 1, 30), (26, 32));
    }
}
