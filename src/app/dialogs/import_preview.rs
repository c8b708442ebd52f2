//! What an import found, to check and correct before it is added (or replaces an article's
//! text): the title and source fields, an episode's series and numbers, a novel's chapters, a
//! wiki page's licence and sources, the importer's report and suggested tier, and for a wiki
//! export the pages to add.

mod pages;
mod reread;
mod source_fields;

use egui::RichText;

use super::DialogContext;
use crate::app::command::{Command, ImportTarget, PendingImport};
use pages::PageChoice;
use reread::Reread;
use source_fields::{EpisodeDraft, SourceKind};

pub struct ImportPreviewDialog {
    pending: Option<PendingImport>,
    kinds: Vec<SourceKind>,
    pages: PageChoice,
    episode_draft: Option<EpisodeDraft>,
    reread: Option<Reread>,
    reread_error: Option<String>,
}

impl ImportPreviewDialog {
    pub fn new(pending: PendingImport) -> Self {
        let kinds = pending.pages.iter().map(SourceKind::of).collect();
        let pages = PageChoice::new(pending.pages.len());
        Self { pending: Some(pending), kinds, pages, episode_draft: None, reread: None, reread_error: None }
    }

    /// The pages as they now stand (with the user's corrections).
    pub fn pages(&self) -> &[crate::import::Imported] {
        self.pending.as_ref().map_or(&[], |p| p.pages.as_slice())
    }

    /// Whether the file is being read again with other options.
    pub fn rereading(&self) -> bool {
        self.reread.is_some()
    }

    pub fn ui(&mut self, ui: &mut egui::Ui, cx: &mut DialogContext<'_>) -> bool {
        self.poll_reread();
        let Some(pending) = self.pending.as_mut() else { return false };
        let updating = matches!(pending.target, ImportTarget::Update(_));
        ui.heading(if updating { "Update article text" } else { "Add article" });
        ui.set_min_width(560.0);
        let shown_before = self.pages.shown;
        self.pages.ui(ui, &pending.pages, !updating);
        if self.pages.shown != shown_before {
            self.episode_draft = None;
        }
        let shown = self.pages.shown;
        let kind = self.kinds.get(shown).copied().unwrap_or(SourceKind::Other);
        let Some(imported) = pending.pages.get_mut(shown) else { return false };
        metadata_ui(ui, imported);
        source_fields::source_ui(ui, kind, imported, &mut self.episode_draft);
        if kind == SourceKind::Episode && pending.file.is_some() {
            self.captions_ui(ui);
        }
        let Some(pending) = self.pending.as_ref() else { return false };
        let Some(imported) = pending.pages.get(shown) else { return false };
        findings_ui(ui, cx, imported);
        self.buttons_ui(ui, cx, updating)
    }

    /// The hearing-impaired captions option, which reads the file again.
    fn captions_ui(&mut self, ui: &mut egui::Ui) {
        let Some(pending) = self.pending.as_mut() else { return };
        let mut keep = self.reread.as_ref().map_or(pending.options, |r| r.options).subtitles.keep_hearing_impaired;
        let reading = self.reread.is_some();
        let toggled = ui
            .add_enabled(!reading, egui::Checkbox::new(&mut keep, "Keep hearing-impaired captions ([door opens])"))
            .changed();
        if reading {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label("Reading the file again…");
            });
        }
        if let Some(error) = &self.reread_error {
            ui.colored_label(ui.visuals().error_fg_color, error);
        }
        if let (true, Some(file)) = (toggled, pending.file.clone()) {
            let mut options = pending.options;
            options.subtitles.keep_hearing_impaired = keep;
            match Reread::start(ui.ctx(), file, options) {
                Ok(reread) => self.reread = Some(reread),
                Err(e) => self.reread_error = Some(format!("Cannot read the file again: {e}")),
            }
        }
    }

    fn poll_reread(&mut self) {
        let (Some(reread), Some(pending)) = (&self.reread, self.pending.as_mut()) else { return };
        let Some(result) = reread.poll() else { return };
        match result {
            Ok(fresh) => {
                pending.options = reread.options;
                reread::take_words(&mut pending.pages, fresh);
                self.reread_error = None;
            }
            Err(e) => self.reread_error = Some(e),
        }
        self.reread = None;
    }

    fn buttons_ui(&mut self, ui: &mut egui::Ui, cx: &mut DialogContext<'_>, updating: bool) -> bool {
        let kept = if updating { 1 } else { self.pages.kept_count() };
        let accept = match (updating, kept) {
            (true, _) => "Update article".to_owned(),
            (false, 1) => "Add article".to_owned(),
            (false, n) => format!("Add {n} articles"),
        };
        let mut open = true;
        ui.horizontal(|ui| {
            let ready = kept > 0 && self.reread.is_none();
            if ui.add_enabled(ready, egui::Button::new(accept)).clicked()
                && let Some(mut pending) = self.pending.take()
            {
                pending.pages = self.chosen(std::mem::take(&mut pending.pages), updating);
                cx.commands.push(Command::AcceptImport(Box::new(pending)));
                open = false;
            }
            if ui.button("Cancel").clicked() {
                open = false;
            }
        });
        open
    }

    /// The pages the user kept, or the one shown when the import updates an article.
    fn chosen(&self, pages: Vec<crate::import::Imported>, updating: bool) -> Vec<crate::import::Imported> {
        let keep = |i: usize| if updating { i == self.pages.shown } else { self.pages.kept.get(i) == Some(&true) };
        pages.into_iter().enumerate().filter(|(i, _)| keep(*i)).map(|(_, page)| page).collect()
    }
}

fn metadata_ui(ui: &mut egui::Ui, imported: &mut crate::import::Imported) {
    // A novel's citation names the book: it follows the title unless it was something else.
    let title_before = imported.title.clone();
    egui::Grid::new("import-metadata").num_columns(2).show(ui, |ui| {
        for (name, field) in [
            ("Title", &mut imported.title),
            ("Author", &mut imported.author),
            ("Published", &mut imported.published),
            ("Source URL", &mut imported.source_url),
        ] {
            let label = ui.label(name);
            ui.add(egui::TextEdit::singleline(field).desired_width(420.0)).labelled_by(label.id);
            ui.end_row();
        }
    });
    if let Some(work) = imported.primary_source.as_mut().filter(|w| w.title == title_before) {
        work.title.clone_from(&imported.title);
    }
    if !imported.site_name.is_empty() {
        ui.label(RichText::new(format!("Site: {}", imported.site_name)).weak());
    }
}

/// The importer's report, the suggested tier and the first paragraphs.
fn findings_ui(ui: &mut egui::Ui, cx: &DialogContext<'_>, imported: &crate::import::Imported) {
    if let Some(tier) = cx.doc.project().tier(&imported.suggested_tier) {
        ui.label(format!("Suggested tier: {} (a hint: claims get the tier you tag them with)", tier.label));
    }
    let words = imported.text.split_whitespace().count();
    ui.label(RichText::new(format!("{words} words, {} links", imported.links.len())).weak());
    for line in &imported.report {
        ui.label(RichText::new(line).weak());
    }
    ui.separator();
    egui::ScrollArea::vertical().max_height(200.0).show(ui, |ui| {
        for paragraph in imported.first_paragraphs(4) {
            ui.label(paragraph);
            ui.add_space(4.0);
        }
    });
    ui.separator();
}

#[cfg(test)]
mod tests {
    use egui_kittest::kittest::Queryable as _;

    use super::*;
    use crate::app::dialogs::testing;
    use crate::import::Imported;

    fn pages() -> Vec<Imported> {
        ["Meridian Station", "Orin IV", "Vey Nebula"]
            .map(|title| Imported { title: title.into(), text: format!("{title} text."), ..Default::default() })
            .to_vec()
    }

    /// The pages the dialog's accept button sent.
    fn accepted(harness: &mut egui_kittest::Harness<'static, testing::Alone<ImportPreviewDialog>>) -> Vec<Imported> {
        match harness.state_mut().queued().as_slice() {
            [Command::AcceptImport(pending)] => pending.pages.clone(),
            other => panic!("{other:?}"),
        }
    }

    fn titles(pages: &[Imported]) -> Vec<&str> {
        pages.iter().map(|p| p.title.as_str()).collect()
    }

    fn pending(target: ImportTarget) -> PendingImport {
        PendingImport { pages: pages(), target, file: None, options: Default::default() }
    }

    #[test]
    fn every_page_of_an_export_is_added_unless_unticked() {
        let mut harness =
            testing::harness(ImportPreviewDialog::new(pending(ImportTarget::NewArticle)), ImportPreviewDialog::ui);
        assert!(harness.query_by_label_contains("The file holds 3 pages").is_some());
        harness.get_all_by_role(egui::accesskit::Role::CheckBox).nth(1).expect("second page's tick").click();
        harness.run_steps(2);
        harness.get_by_role_and_label(egui::accesskit::Role::Button, "Add 2 articles").click();
        harness.run_steps(2);
        assert_eq!(titles(&accepted(&mut harness)), ["Meridian Station", "Vey Nebula"]);
    }

    #[test]
    fn an_update_uses_the_page_shown_and_its_corrections() {
        let target = ImportTarget::Update("some-article".into());
        let mut harness = testing::harness(ImportPreviewDialog::new(pending(target)), ImportPreviewDialog::ui);
        harness.get_by_label("Orin IV").click();
        harness.run_steps(2);
        assert_eq!(
            harness.get_by_role_and_label(egui::accesskit::Role::TextInput, "Title").value().as_deref(),
            Some("Orin IV")
        );
        harness.get_by_role_and_label(egui::accesskit::Role::Button, "Update article").click();
        harness.run_steps(2);
        assert_eq!(titles(&accepted(&mut harness)), ["Orin IV"]);
    }

    #[test]
    fn a_corrected_episode_renames_the_article_and_is_what_claims_will_cite() {
        let episode = crate::import::Episode::guess("Nebula.Patrol.S02E07.srt");
        let imported = Imported {
            title: episode.article_title(),
            text: "Orin: Into the nebula?".into(),
            episode: Some(episode),
            segments: vec![crate::import::ImportedSegment {
                start: 0,
                end: 22,
                detail: "00:41:12".into(),
                citations: vec![],
            }],
            ..Default::default()
        };
        let pending = PendingImport {
            pages: vec![imported],
            target: ImportTarget::NewArticle,
            file: None,
            options: Default::default(),
        };
        let mut harness = testing::harness(ImportPreviewDialog::new(pending), ImportPreviewDialog::ui);
        assert!(harness.query_by_label_contains("cited as: Episode: Nebula Patrol, S2E7, 00:41:12").is_some());
        harness.get_by_role_and_label(egui::accesskit::Role::TextInput, "Season").focus();
        harness.run_steps(1);
        harness.key_press(egui::Key::Backspace);
        harness.get_by_role_and_label(egui::accesskit::Role::TextInput, "Season").type_text("x");
        harness.run_steps(2);
        assert!(harness.query_by_label_contains("Season and episode are numbers").is_some(), "a typo is shown");
        harness.key_press(egui::Key::Backspace);
        harness.get_by_role_and_label(egui::accesskit::Role::TextInput, "Season").type_text("S1");
        harness.run_steps(2);
        assert!(harness.query_by_label_contains("Season and episode are numbers").is_none());
        assert!(harness.query_by_label_contains("cited as: Episode: Nebula Patrol, S1E7, 00:41:12").is_some());
        harness.get_by_role_and_label(egui::accesskit::Role::Button, "Add article").click();
        harness.run_steps(2);
        let article = accepted(&mut harness).swap_remove(0).into_article();
        assert_eq!(article.title, "Nebula Patrol S1E7", "the title follows the episode");
        assert_eq!(article.citations_for(0, 5)[0].display(), "Episode: Nebula Patrol, S1E7, 00:41:12");
    }
}
