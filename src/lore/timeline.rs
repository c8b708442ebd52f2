//! In-universe time: where a label such as "stardate 41153.7", "2387" or "19 BBY" sorts, and the
//! timeline of dated claims in in-universe order.

use crate::model::{Claim, Project};

/// Where a label sorts on the timeline (re-exported from the model, which owns the rule).
pub use crate::model::in_universe_sort_key as sort_key;

/// Claims with an in-universe time, in in-universe order: those whose time sorts by number
/// first (ties by label, then by creation), then the rest by label. All articles, or one.
pub fn timeline<'p>(project: &'p Project, article: Option<&str>) -> Vec<&'p Claim> {
    let mut dated: Vec<(&Claim, Option<f64>)> = project
        .claims
        .iter()
        .filter(|c| article.is_none_or(|a| c.article == a))
        .filter_map(|c| c.in_universe.as_ref().filter(|t| !t.label.trim().is_empty()).map(|t| (c, t.sort_key())))
        .collect();
    dated.sort_by(|(a, ka), (b, kb)| {
        let label = |c: &Claim| c.in_universe.as_ref().map(|t| t.label.to_lowercase()).unwrap_or_default();
        match (ka, kb) {
            (Some(x), Some(y)) => x.total_cmp(y),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        }
        .then_with(|| label(a).cmp(&label(b)))
        .then_with(|| a.created.cmp(&b.created))
    });
    dated.into_iter().map(|(c, _)| c).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_stardates_years_and_star_wars_eras() {
        assert_eq!(sort_key("stardate 41153.7"), Some(2323.0 + 41.1537));
        assert_eq!(sort_key("2387"), Some(2387.0));
        assert_eq!(sort_key("March 2399"), Some(2399.0));
        assert_eq!(sort_key("19 BBY"), Some(-19.0));
        assert_eq!(sort_key("4 ABY"), Some(4.0));
        assert_eq!(sort_key("the Dominion War"), None);
        assert_eq!(sort_key(""), None);
    }
}
