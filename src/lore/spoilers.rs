//! The one spoiler rule. A claim is a spoiler while its own mark or its article's mark is
//! active (no end date, or the end date not reached on the reader's local day); a view hides it
//! until the reader reveals it (the claim, or its whole article). The app's article view, lists,
//! dialogs, search, dashboard and every export ask this module, so no view can disagree with
//! another about what is hidden, nor re-implement it.
//!
//! Hidden words are hidden everywhere: [`SpoilerRule::hidden_spans`] says which words of an
//! article's text are spoiler words, so a view that shows article text (a search snippet, an
//! export's article body) can mask or cut them, and a claim whose quote overlaps them is
//! treated as hidden too ([`SpoilerRule::claim_concealed`]).

use std::collections::HashSet;
use std::ops::Range;

use crate::model::{Article, Claim, Day, Project, spoiler_active};

/// What a view shows instead of hidden words.
pub const HIDDEN_LABEL: &str = "spoiler (hidden)";

/// How one view judges spoilers: the day dated marks are judged on, and what this view has
/// revealed (nothing, for exports).
#[derive(Debug, Clone, Copy)]
pub struct SpoilerRule<'a> {
    today: Day,
    revealed: Option<&'a HashSet<String>>,
}

/// Which words of one article's text a view hides.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct HiddenSpans {
    /// Code-point ranges, sorted and merged (the whole text when the article is hidden).
    pub ranges: Vec<Range<usize>>,
}

impl HiddenSpans {
    /// All of a text of `len` code points (nothing for an empty text).
    pub fn whole(len: usize) -> Self {
        let mut ranges = Vec::with_capacity(1);
        if len > 0 {
            ranges.push(0..len);
        }
        Self { ranges }
    }

    pub fn is_empty(&self) -> bool {
        self.ranges.is_empty()
    }

    /// Whether `start..end` shares at least one code point with hidden words.
    pub fn overlaps(&self, start: usize, end: usize) -> bool {
        self.ranges.iter().any(|r| r.start < end.max(start + 1) && start < r.end)
    }

    /// `text` with every hidden code point replaced by `mask` (offsets unchanged).
    pub fn mask(&self, text: &str, mask: char) -> String {
        let mut ranges = self.ranges.iter().peekable();
        text.chars()
            .enumerate()
            .map(|(i, c)| {
                while ranges.peek().is_some_and(|r| r.end <= i) {
                    ranges.next();
                }
                let hidden = ranges.peek().is_some_and(|r| r.start <= i) && !c.is_whitespace();
                if hidden { mask } else { c }
            })
            .collect()
    }

    /// The ranges widened to the whole sentences they touch (`sentences` as code-point ranges,
    /// in order), merged: what a view that leaves spoilers out cuts, so no half-sentence around
    /// a cut word gives it away.
    pub fn widened_to(&self, sentences: &[(usize, usize)]) -> Self {
        let mut widened: Vec<Range<usize>> = Vec::new();
        for range in &self.ranges {
            let mut start = range.start;
            let mut end = range.end;
            for &(s, e) in sentences.iter().filter(|&&(s, e)| s < range.end && range.start < e) {
                start = start.min(s);
                end = end.max(e);
            }
            push_merged(&mut widened, start..end);
        }
        Self { ranges: widened }
    }
}

fn push_merged(ranges: &mut Vec<Range<usize>>, range: Range<usize>) {
    match ranges.last_mut() {
        Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
        _ => ranges.push(range),
    }
}

impl<'a> SpoilerRule<'a> {
    /// A view that reveals nothing (exports), judged on `today`.
    pub fn on(today: Day) -> Self {
        Self { today, revealed: None }
    }

    /// A view where the reader revealed the claims and articles whose ids are in `revealed`.
    pub fn on_with_revealed(today: Day, revealed: &'a HashSet<String>) -> Self {
        Self { today, revealed: Some(revealed) }
    }

    /// [`SpoilerRule::on`] with `today` as `YYYY-MM-DD` text; text that is not a day means the
    /// local today (kept for callers that hold [`crate::model::today`]'s text).
    pub fn new(today: &str) -> Self {
        Self::on(Day::parse(today).unwrap_or_else(|_| Day::today_local()))
    }

    /// [`SpoilerRule::on_with_revealed`] with `today` as `YYYY-MM-DD` text (see [`Self::new`]).
    pub fn with_revealed(today: &str, revealed: &'a HashSet<String>) -> Self {
        Self::on_with_revealed(Day::parse(today).unwrap_or_else(|_| Day::today_local()), revealed)
    }

    /// The day dated marks are judged on.
    pub fn today(&self) -> Day {
        self.today
    }

    fn is_revealed(&self, id: &str) -> bool {
        self.revealed.is_some_and(|r| r.contains(id))
    }

    /// Whether the article as a whole is marked as a spoiler today (reveals aside).
    pub fn article_marked(&self, article: &Article) -> bool {
        spoiler_active(article.spoiler.as_ref(), self.today)
    }

    /// Whether the article's text is hidden in this view.
    pub fn article_hidden(&self, article: &Article) -> bool {
        self.article_marked(article) && !self.is_revealed(&article.id)
    }

    /// Whether the claim is a spoiler today, by its own mark or its article's (reveals aside).
    pub fn claim_marked(&self, project: &Project, claim: &Claim) -> bool {
        spoiler_active(claim.spoiler.as_ref(), self.today)
            || project.article(&claim.article).is_some_and(|a| self.article_marked(a))
    }

    /// Whether the claim's words and note are hidden in this view. Revealing the claim shows it;
    /// revealing its article shows the claims that are spoilers only through the article.
    pub fn claim_hidden(&self, project: &Project, claim: &Claim) -> bool {
        if self.is_revealed(&claim.id) {
            return false;
        }
        let own = spoiler_active(claim.spoiler.as_ref(), self.today);
        let through_article = project.article(&claim.article).is_some_and(|a| self.article_hidden(a));
        own || through_article
    }

    /// [`Self::claim_hidden`] when the caller already knows whether the claim's article is
    /// hidden (no look-up of the article: for views that judge every claim at once).
    pub fn claim_hidden_given(&self, claim: &Claim, article_hidden: bool) -> bool {
        !self.is_revealed(&claim.id) && (article_hidden || spoiler_active(claim.spoiler.as_ref(), self.today))
    }

    /// The words of `article`'s text this view hides: all of it when the article is hidden,
    /// else the spans of its hidden claims (orphans have no place in the text).
    pub fn hidden_spans(&self, project: &Project, article: &Article) -> HiddenSpans {
        let len = crate::text::char_len(&article.text);
        if self.article_hidden(article) {
            return HiddenSpans::whole(len);
        }
        let mut spans: Vec<Range<usize>> = project
            .claims_of(&article.id)
            .filter(|c| !c.anchor.is_orphaned() && c.anchor.start < c.anchor.end && c.anchor.end <= len)
            .filter(|c| self.claim_hidden(project, c))
            .map(|c| c.anchor.start..c.anchor.end)
            .collect();
        spans.sort_by_key(|r| (r.start, r.end));
        let mut ranges = Vec::with_capacity(spans.len());
        for span in spans {
            push_merged(&mut ranges, span);
        }
        HiddenSpans { ranges }
    }

    /// [`Self::hidden_spans`] of every article that has hidden words, in one pass over the
    /// claims (a view asking on every keystroke, such as search, must not scan per article).
    pub fn all_hidden_spans<'p>(&self, project: &'p Project) -> std::collections::HashMap<&'p str, HiddenSpans> {
        let mut out: std::collections::HashMap<&str, HiddenSpans> = std::collections::HashMap::new();
        let mut lengths: std::collections::HashMap<&str, (usize, bool)> = std::collections::HashMap::new();
        for article in &project.articles {
            let len = crate::text::char_len(&article.text);
            let hidden = self.article_hidden(article);
            lengths.insert(article.id.as_str(), (len, hidden));
            if hidden && len > 0 {
                out.insert(article.id.as_str(), HiddenSpans::whole(len));
            }
        }
        let mut spans: std::collections::HashMap<&str, Vec<Range<usize>>> = std::collections::HashMap::new();
        for claim in &project.claims {
            let Some(&(len, article_hidden)) = lengths.get(claim.article.as_str()) else { continue };
            let (start, end) = (claim.anchor.start, claim.anchor.end);
            if article_hidden || claim.anchor.is_orphaned() || start >= end || end > len || self.is_revealed(&claim.id)
            {
                continue;
            }
            if spoiler_active(claim.spoiler.as_ref(), self.today) {
                spans.entry(claim.article.as_str()).or_default().push(start..end);
            }
        }
        for (article, mut ranges) in spans {
            ranges.sort_by_key(|r| (r.start, r.end));
            let mut merged = Vec::with_capacity(ranges.len());
            for range in ranges {
                push_merged(&mut merged, range);
            }
            out.insert(article, HiddenSpans { ranges: merged });
        }
        out
    }

    /// The ids of every claim whose words this view must not show ([`Self::claim_concealed`]
    /// for all claims at once, in one pass).
    pub fn concealed_claims<'p>(&self, project: &'p Project) -> HashSet<&'p str> {
        let spans = self.all_hidden_spans(project);
        let hidden_articles: HashSet<&str> =
            project.articles.iter().filter(|a| self.article_hidden(a)).map(|a| a.id.as_str()).collect();
        project
            .claims
            .iter()
            .filter(|c| {
                self.claim_hidden_given(c, hidden_articles.contains(c.article.as_str()))
                    || (!c.anchor.is_orphaned()
                        && spans.get(c.article.as_str()).is_some_and(|s| s.overlaps(c.anchor.start, c.anchor.end)))
            })
            .map(|c| c.id.as_str())
            .collect()
    }

    /// Whether a claim's words must not be shown: it is hidden itself, or its quote overlaps
    /// hidden words of its article (`spans`, from [`Self::hidden_spans`] of that article).
    pub fn claim_concealed(&self, project: &Project, claim: &Claim, spans: &HiddenSpans) -> bool {
        self.claim_hidden(project, claim)
            || (!claim.anchor.is_orphaned() && spans.overlaps(claim.anchor.start, claim.anchor.end))
    }

    /// The claims of `ids` whose words this view shows, in the given order (for "Copy shown as
    /// Markdown" and any list copied out of the app). Unknown ids are skipped.
    pub fn shown_claims<'p>(&self, project: &'p Project, ids: &[String]) -> Vec<&'p Claim> {
        let mut spans: std::collections::HashMap<&str, HiddenSpans> = std::collections::HashMap::new();
        ids.iter()
            .filter_map(|id| project.claim(id))
            .filter(|claim| {
                let spans = spans.entry(claim.article.as_str()).or_insert_with(|| {
                    project.article(&claim.article).map(|a| self.hidden_spans(project, a)).unwrap_or_default()
                });
                !self.claim_concealed(project, claim, spans)
            })
            .collect()
    }

    /// A claim's quote for a one-line mention (chains, activity lists): the quote, or
    /// [`HIDDEN_LABEL`] when this view hides the claim.
    pub fn quote_or_label<'p>(&self, project: &Project, claim: &'p Claim) -> &'p str {
        if self.claim_hidden(project, claim) { HIDDEN_LABEL } else { &claim.anchor.exact }
    }

    /// A supersession chain (from [`crate::lore::supersession_chain`]) as lines for "Canon
    /// status over time": each claim with its quote, or [`HIDDEN_LABEL`] for a hidden one.
    pub fn redact_chain<'p>(&self, project: &Project, chain: &[&'p Claim]) -> Vec<(&'p Claim, &'p str)> {
        chain.iter().map(|claim| (*claim, self.quote_or_label(project, claim))).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Spoiler;

    fn day(text: &str) -> Day {
        Day::parse(text).expect("valid fixture")
    }

    fn project() -> Project {
        let mut project = Project::new("t");
        let article = Article::new("A", "Picard returns. Q returns.");
        let article_id = article.id.clone();
        project.articles.push(article);
        let mut claim = project.new_claim(&article_id, 16, 26, "speculation").expect("claim in range");
        claim.spoiler = Some(Spoiler::default());
        project.claims.push(claim);
        project
    }

    #[test]
    fn a_marked_claim_is_hidden_until_revealed_or_expired() {
        let project = project();
        let claim = &project.claims[0];
        assert!(SpoilerRule::on(day("2026-12-01")).claim_hidden(&project, claim));
        let revealed: HashSet<String> = [claim.id.clone()].into();
        assert!(!SpoilerRule::on_with_revealed(day("2026-12-01"), &revealed).claim_hidden(&project, claim));
        let mut dated = project.clone();
        dated.claims[0].spoiler = Some(Spoiler { until: "2026-06-01".into(), ..Spoiler::default() });
        assert!(!SpoilerRule::on(day("2026-12-01")).claim_hidden(&dated, &dated.claims[0]));
    }

    #[test]
    fn an_article_mark_hides_every_claim_in_it() {
        let mut project = project();
        project.claims[0].spoiler = None;
        project.articles[0].spoiler = Some(Spoiler::default());
        let rule = SpoilerRule::on(day("2026-12-01"));
        assert!(rule.claim_hidden(&project, &project.claims[0]));
        assert!(rule.article_hidden(&project.articles[0]));
        let revealed: HashSet<String> = [project.articles[0].id.clone()].into();
        assert!(
            !SpoilerRule::on_with_revealed(day("2026-12-01"), &revealed).claim_hidden(&project, &project.claims[0])
        );
    }

    #[test]
    fn an_unreadable_end_date_keeps_the_mark_and_a_day_ends_it_at_local_midnight() {
        let mut project = project();
        let claim_at = |p: &Project| p.claims[0].clone();
        project.claims[0].spoiler = Some(Spoiler { until: "31/12/2026".into(), ..Spoiler::default() });
        assert!(SpoilerRule::on(day("2030-01-01")).claim_hidden(&project, &claim_at(&project)));
        project.claims[0].spoiler = Some(Spoiler::until("2026-12-02").expect("valid date"));
        assert!(SpoilerRule::on(day("2026-12-01")).claim_hidden(&project, &claim_at(&project)));
        assert!(!SpoilerRule::on(day("2026-12-02")).claim_hidden(&project, &claim_at(&project)));
        assert!(Spoiler::until("31/12/2026").is_err());
    }

    #[test]
    fn hidden_spans_cover_hidden_claims_and_widen_to_their_sentence() {
        let project = project();
        let rule = SpoilerRule::on(day("2026-12-01"));
        let spans = rule.hidden_spans(&project, &project.articles[0]);
        assert_eq!(spans.ranges, vec![16..26]);
        assert_eq!(spans.mask(&project.articles[0].text, '█'), "Picard returns. █ ████████");
        let sentences = crate::suggest::sentences::sentences(&project.articles[0].text);
        assert_eq!(spans.widened_to(&sentences).ranges, vec![16..26]);
        assert!(spans.overlaps(20, 30) && !spans.overlaps(0, 16));
    }
}
