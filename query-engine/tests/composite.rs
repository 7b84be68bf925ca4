//! Composite types (MongoDB embedded documents) in the runtime: a hand-written composite type and
//! model shaped like codegen's output; their values become `Value::Document`, SQL connections
//! refuse the model before sending anything, and MongoDB URLs fail with a typed error.

use orm_query_engine::dialect::{Dialect, check_model};
use orm_query_engine::meta::{ColumnDefault, ColumnMeta, ColumnType, CompositeMeta, ModelMeta};
use orm_query_engine::query::{CompareOp, FilterNode};
use orm_query_engine::row::{Column, RowReader};
use orm_query_engine::typed::{
    Composite, CreateInput, CustomType, Field, Model, Plain, composite_unreadable, composite_value,
};
use orm_query_engine::value::{ToValue, Value};
use orm_query_engine::{Client, Error};

const fn col(name: &'static str, column: &'static str, ty: ColumnType, nullable: bool) -> ColumnMeta {
    ColumnMeta { name, column, ty, nullable, list: false, default: ColumnDefault::None, updated_at: false }
}

/// `type Geo { lat Float  lng Float }`
#[derive(Debug, Clone, PartialEq)]
struct Geo {
    lat: f64,
    lng: f64,
}

/// `type Address { street String  zip String? @map("postal_code")  geo Geo? }`
#[derive(Debug, Clone, PartialEq)]
struct Address {
    street: String,
    zip: Option<String>,
    geo: Option<Geo>,
}

impl Composite for Geo {
    const META: &'static CompositeMeta = &CompositeMeta {
        name: "Geo",
        fields: &[col("lat", "lat", ColumnType::Float, false), col("lng", "lng", ColumnType::Float, false)],
    };
    fn into_values(self, out: &mut Vec<Value>) {
        out.extend([ToValue::to_value(self.lat), ToValue::to_value(self.lng)]);
    }
}

impl CustomType for Geo {
    fn to_value(self) -> Value {
        composite_value(self)
    }
    fn decode(_: Column<'_>) -> Result<Self, String> {
        Err(composite_unreadable::<Self>())
    }
    fn decode_list(_: Column<'_>) -> Result<Vec<Self>, String> {
        Err(composite_unreadable::<Self>())
    }
}

impl Composite for Address {
    const META: &'static CompositeMeta = &CompositeMeta {
        name: "Address",
        fields: &[
            col("street", "street", ColumnType::String, false),
            col("zip", "postal_code", ColumnType::String, true),
            col("geo", "geo", ColumnType::Composite(<Geo as Composite>::META), true),
        ],
    };
    fn into_values(self, out: &mut Vec<Value>) {
        out.extend([
            ToValue::to_value(self.street),
            ToValue::to_value(self.zip),
            ToValue::to_value(self.geo),
        ]);
    }
}

impl CustomType for Address {
    fn to_value(self) -> Value {
        composite_value(self)
    }
    fn decode(_: Column<'_>) -> Result<Self, String> {
        Err(composite_unreadable::<Self>())
    }
    fn decode_list(_: Column<'_>) -> Result<Vec<Self>, String> {
        Err(composite_unreadable::<Self>())
    }
}

/// `model Shop { id Int @id  name String  address Address }`
#[derive(Debug)]
struct Shop {
    _id: i32,
    _name: String,
    _address: Address,
}

struct ShopCreate;

impl CreateInput<Shop> for ShopCreate {
    fn into_values(self, _: &mut Vec<(u16, Value)>) {}
}

const SHOP: ModelMeta = ModelMeta {
    name: "Shop",
    table: "Shop",
    schema: None,
    columns: &[
        col("id", "id", ColumnType::Int, false),
        col("name", "name", ColumnType::String, false),
        col("address", "address", ColumnType::Composite(<Address as Composite>::META), false),
    ],
    primary_key: &[0],
    unique_criteria: &[&[0]],
};

impl Model for Shop {
    const META: &'static ModelMeta = &SHOP;
    type Create = ShopCreate;
    fn from_row(row: &mut RowReader<'_>) -> orm_query_engine::Result<Self> {
        Ok(Shop { _id: row.next()?, _name: row.next()?, _address: row.next()? })
    }
}

fn home() -> Address {
    Address { street: "Main St".into(), zip: None, geo: Some(Geo { lat: 1.0, lng: 2.0 }) }
}

#[test]
fn composite_values_are_documents_keyed_by_mapped_names() {
    let expected = Value::Document(vec![
        ("street", Value::String("Main St".into())),
        ("postal_code", Value::Null),
        ("geo", Value::Document(vec![("lat", Value::Float(1.0)), ("lng", Value::Float(2.0))])),
    ]);
    assert_eq!(ToValue::to_value(home()), expected);
    assert_eq!(ToValue::to_value(vec![home()]), Value::List(vec![expected.clone()]));
    assert_eq!(ToValue::to_value(Option::<Address>::None), Value::Null);

    let address: Field<Shop, Address, Plain> = Field::new(2);
    let filter = address.equals(home());
    assert_eq!(filter.node, FilterNode::Compare { column: 2, op: CompareOp::Equals, value: expected });
}

#[test]
fn every_sql_dialect_refuses_composite_columns() {
    for dialect in [Dialect::Postgres, Dialect::MySql, Dialect::Sqlite] {
        match check_model(dialect, &SHOP) {
            Err(Error::Unsupported { dialect: name, message }) => {
                assert_eq!(name, dialect.name());
                assert_eq!(
                    message,
                    "`Shop.address` has the composite type `Address`; composite types are stored only by MongoDB"
                );
            }
            other => panic!("{dialect:?}: expected Unsupported, got {other:?}"),
        }
        let plain = ModelMeta { columns: &SHOP.columns[..2], ..SHOP };
        assert!(check_model(dialect, &plain).is_ok());
    }
}

#[tokio::test]
async fn sqlite_refuses_a_model_with_composite_columns_before_sending() {
    let client = Client::connect("sqlite::memory:").await.expect("in-memory SQLite opens");
    // No table exists: a statement that reached SQLite would fail with a database error instead.
    let err = client.actions::<Shop>().find_many().await.expect_err("refused");
    assert!(matches!(err, Error::Unsupported { dialect: "sqlite", .. }), "{err}");
    let err = client.actions::<Shop>().count().await.expect_err("refused");
    assert!(matches!(err, Error::Unsupported { .. }), "{err}");
}

#[tokio::test]
async fn mongodb_urls_fail_with_a_typed_error() {
    for url in ["mongodb://u:secret@localhost:27017/app", "mongodb+srv://u:secret@cluster.example.net/app"] {
        match Client::connect(url).await {
            Err(e @ Error::ConnectorNotAvailable { database: "MongoDB", .. }) => {
                let text = e.to_string();
                assert!(text.starts_with("the MongoDB connector is not available yet"), "{text}");
                assert!(!text.contains("secret"), "password is redacted: {text}");
            }
            other => panic!("{url}: expected ConnectorNotAvailable, got {:?}", other.map(|_| ())),
        }
    }
}
