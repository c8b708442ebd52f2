//! Reading the previewed file again with other options (a subtitle file's hearing-impaired
//! captions kept or dropped), on a worker thread so a large file never freezes the window.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, TryRecvError};

use crate::import::{ImportOptions, Imported};

/// A re-read in flight.
pub struct Reread {
    pub options: ImportOptions,
    receiver: Receiver<Result<Vec<Imported>, String>>,
}

impl Reread {
    pub fn start(ctx: &egui::Context, file: PathBuf, options: ImportOptions) -> std::io::Result<Self> {
        let (sender, receiver) = std::sync::mpsc::channel();
        let ctx = ctx.clone();
        std::thread::Builder::new().name("import-reread".into()).spawn(move || {
            sender.send(crate::import::import_file_all(&file, &options)).ok();
            ctx.request_repaint();
        })?;
        Ok(Self { options, receiver })
    }

    /// The pages read again, once done.
    pub fn poll(&self) -> Option<Result<Vec<Imported>, String>> {
        match self.receiver.try_recv() {
            Ok(result) => Some(result),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(Err("Reading the file again stopped unexpectedly.".into())),
        }
    }
}

/// Takes the words of `fresh` (text, pieces, links, report) into `pages`, keeping what the user
/// corrected (title, episode, source, licence). Pages are matched by position: the file is the
/// same, only the options changed.
pub fn take_words(pages: &mut [Imported], fresh: Vec<Imported>) {
    for (page, fresh) in pages.iter_mut().zip(fresh) {
        page.text = fresh.text;
        page.segments = fresh.segments;
        page.links = fresh.links;
        page.report = fresh.report;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_words_change_and_the_corrections_stay() {
        let episode = crate::import::Episode { series: "Corrected".into(), ..Default::default() };
        let mut pages = vec![Imported {
            title: "Mine".into(),
            text: "old".into(),
            episode: Some(episode.clone()),
            ..Default::default()
        }];
        let fresh = Imported { title: "Guess".into(), text: "new [door opens]".into(), ..Default::default() };
        take_words(&mut pages, vec![fresh]);
        assert_eq!(pages[0].text, "new [door opens]");
        assert_eq!((pages[0].title.as_str(), pages[0].episode.as_ref()), ("Mine", Some(&episode)));
    }
}
