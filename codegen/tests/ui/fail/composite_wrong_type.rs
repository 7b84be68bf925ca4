//! Comparing a composite field with a value of another composite type.
include!("../generated/mongo.rs");

fn main() {
    let _ = user::address().equals(Geo { lat: 1.0, lng: 2.0 });
    let _ = user::address().lt(Address { street: String::new(), city: String::new(), zip: None, geo: None });
}
