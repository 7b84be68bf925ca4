//! A generated MongoDB client with composite types compiles and its values make sense: creates
//! with nested composites, filters and updates on composite fields become embedded documents
//! (`Value::Document`, keyed by `@map` names), metadata names the composite types, connecting to
//! `mongodb://` fails with a typed error, and a SQL connection refuses a model with composite
//! columns instead of mis-rendering it.

include!("../generated/mongo.rs");

use orm_query_engine::Error;
use orm_query_engine::meta::ColumnType;
use orm_query_engine::query::FilterNode;
use orm_query_engine::typed::{Composite, CreateInput, Model};
use orm_query_engine::value::{ToValue, Value};

fn home() -> Address {
    Address {
        street: "1 Main St".into(),
        city: "Springfield".into(),
        zip: Some("12345".into()),
        geo: Some(Geo { lat: 1.5, lng: -2.0 }),
    }
}

fn values() {
    let photo = Photo { url: "a.png".into(), height: 10, tags: vec!["x".into()], role: Some(Role::Admin) };
    let create = user::Create {
        billing: Some(Address { zip: None, geo: None, ..home() }),
        photos: vec![photo.clone()],
        ..user::create("a@example.com", home())
    };
    let mut out = Vec::new();
    create.into_values(&mut out);
    let address = &out.iter().find(|(c, _)| *c == user::address().index()).expect("address is written").1;
    let expected = Value::Document(vec![
        ("street", Value::String("1 Main St".into())),
        ("city", Value::String("Springfield".into())),
        ("postal_code", Value::String("12345".into())),
        ("geo", Value::Document(vec![("lat", Value::Float(1.5)), ("lng", Value::Float(-2.0))])),
    ]);
    assert_eq!(address, &expected);
    let photos = &out.iter().find(|(c, _)| *c == user::photos().index()).expect("photos are written").1;
    let Value::List(items) = photos else { panic!("photos is a list: {photos:?}") };
    assert_eq!(items.len(), 1);
    let Value::Document(fields) = &items[0] else { panic!("a photo is a document") };
    assert_eq!(fields[2], ("tags", Value::List(vec![Value::String("x".into())])));
    assert_eq!(fields[3], ("role", Value::Enum("ADMIN")));

    let filter = user::address().equals(home()).and(user::billing().is_null());
    let FilterNode::And(nodes) = &filter.node else { panic!("an AND") };
    assert!(matches!(&nodes[0], FilterNode::Compare { value, .. } if *value == expected));
    let _ = user::billing().not(home());
    let _ = user::address().in_([home()]);
    let _ = user::photos().set(vec![photo]);
    let _ = user::billing().set(None);
    let _ = order::ship_to().equals(home());
    let _ = user::email().equals("a@example.com");
    assert_eq!(home().to_value(), expected);
}

fn metadata() {
    let meta = <User as Model>::META;
    assert_eq!(meta.columns[0].column, "_id");
    let address = meta.columns[user::address().index() as usize];
    assert_eq!(address.ty, ColumnType::Composite(<Address as Composite>::META));
    assert!(meta.columns[user::photos().index() as usize].list);
    let fields: Vec<(&str, &str)> = Address::META.fields.iter().map(|f| (f.name, f.column)).collect();
    assert_eq!(fields, [("street", "street"), ("city", "city"), ("zip", "postal_code"), ("geo", "geo")]);
    assert_eq!(Address::META.fields[3].ty.composite().map(|c| c.name), Some("Geo"));
}

#[tokio::main]
async fn main() {
    values();
    metadata();
    match Client::connect("mongodb://user:secret@localhost:27017/app").await {
        Err(Error::ConnectorNotAvailable { database, url }) => {
            assert_eq!(database, "MongoDB");
            assert!(!url.contains("secret"), "password is redacted: {url}");
        }
        other => panic!("expected ConnectorNotAvailable, got {:?}", other.map(|_| ())),
    }
    let sql = Client::connect("sqlite::memory:").await.expect("in-memory SQLite opens");
    match sql.user().find_many().await {
        Err(Error::Unsupported { dialect, message }) => {
            assert_eq!(dialect, "sqlite");
            assert!(message.contains("User.address") && message.contains("Address"), "{message}");
        }
        other => panic!("expected Unsupported, got {:?}", other.map(|v| v.len())),
    }
    // `Order` embeds an `Address` too: refused before any SQL is sent, even for a count.
    let err = sql.order().count().await.expect_err("refused");
    assert!(matches!(err, Error::Unsupported { .. }), "{err}");
}
