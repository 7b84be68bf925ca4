//! Generated clients of four corpus schemas compile side by side (each in its own module).

#[allow(dead_code, missing_docs)]
mod inbox_zero {
    include!("../generated/inbox_zero.rs");
}
#[allow(dead_code, missing_docs)]
mod epic_stack {
    include!("../generated/epic_stack.rs");
}
#[allow(dead_code, missing_docs)]
mod umami_mysql {
    include!("../generated/umami_mysql.rs");
}

#[allow(dead_code, missing_docs)]
mod composites_mongo {
    include!("../generated/composites_mongo.rs");
}

fn main() {}
