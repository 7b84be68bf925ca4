//! Execution tests against a real MySQL/MariaDB (`ORM_TEST_MYSQL_URL`), one database per test.

mod common;

backend_tests!(common::mysql, "my": create_with_defaults, scalar_round_trip, find_unique, filter_operators, order_skip_take, include_to_many, include_to_one, update_one, delete_and_count, constraint_errors, like_escaping, injection_stays_value, statement_is_inspectable,
    transactions,
    create_many,
    include_with_options,);
