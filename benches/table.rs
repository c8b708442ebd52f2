//! The benchmark's one table: each figure, its target, and pass or FAIL. A workload that did not
//! do what it says is a FAIL row too, so a fast frame that did nothing cannot pass.

pub struct Row {
    pub name: String,
    pub value: String,
    pub target: String,
    pub pass: Option<bool>,
}

#[derive(Default)]
pub struct Table {
    pub rows: Vec<Row>,
}

impl Table {
    pub fn add(&mut self, name: &str, value: String, target: &str, pass: Option<bool>) {
        let mark = match pass {
            Some(false) => " (FAIL)",
            _ => "",
        };
        println!("  measured {name}: {value}{mark}");
        self.rows.push(Row { name: name.to_owned(), value, target: target.to_owned(), pass });
    }

    /// A row for what a workload did: `what` happened (`done`), described by `value`.
    pub fn effect(&mut self, workload: &str, value: String, expected: &str, done: bool) {
        self.add(&format!("  did it: {workload}"), value, expected, Some(done));
    }

    pub fn print(&self) {
        let width = |f: fn(&Row) -> usize, min: usize| self.rows.iter().map(f).max().unwrap_or(0).max(min);
        let (n, v, t) = (
            width(|r| r.name.chars().count(), 6),
            width(|r| r.value.chars().count(), 5),
            width(|r| r.target.chars().count(), 6),
        );
        println!("\n{:<n$}  {:>v$}  {:<t$}  result", "figure", "value", "target");
        println!("{}", "-".repeat(n + v + t + 12));
        for row in &self.rows {
            let result = match row.pass {
                Some(true) => "pass",
                Some(false) => "FAIL",
                None => "-",
            };
            println!("{:<n$}  {:>v$}  {:<t$}  {result}", row.name, row.value, row.target);
        }
    }

    /// The rows that missed their target.
    pub fn missed(&self) -> Vec<&str> {
        self.rows.iter().filter(|r| r.pass == Some(false)).map(|r| r.name.trim()).collect()
    }
}
