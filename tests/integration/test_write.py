"""Line-protocol writes through the v1, v2 and v3 HTTP APIs and the configure endpoints,
with exact status codes and bodies (shared/reference/influxdb3-core-api.md §1.2-1.4, §1.8),
and with the real InfluxDB client libraries."""

import gzip
import json

import pytest
import requests


def write_v3(server, body, **params):
    params.setdefault("db", "db")
    return server.api_post("/api/v3/write_lp", params=params, data=body)


def databases(server):
    r = server.api_get("/api/v3/configure/database", params={"format": "json"})
    assert r.status_code == 200, r.text
    return [row["iox::database"] for row in r.json()]


# ---- /api/v3/write_lp ----


def test_v3_valid_lines_get_204(quiver_server):
    r = write_v3(quiver_server, "cpu,host=a usage=1.5,idle=2i 1700000000000000000\ncpu,host=b usage=2 1700000000000000001\n",
                 precision="ns")
    assert r.status_code == 204
    assert r.text == ""
    assert databases(quiver_server) == ["db"]


def test_v3_partial_write_reports_every_bad_line(quiver_server):
    r = write_v3(
        quiver_server,
        "m,t=a v=1 1\nm,t=b v=\"str\" 2\nm,t=c v=oops 3\n\nm,t=d v=4 4\n",
        precision="ns",
    )
    assert r.status_code == 400
    body = r.json()
    assert body["error"] == "partial write of line protocol occurred"
    assert [e["line_number"] for e in body["data"]] == [2, 3]
    assert body["data"][0] == {
        "error_message": "invalid column type for column 'v', expected iox::column_type::field::float, "
        "got iox::column_type::field::string",
        "line_number": 2,
        "original_line": "m,t=b v=\"str\" 2",
    }
    assert list(body["data"][0].keys()) == ["error_message", "line_number", "original_line"]


def test_v3_original_line_truncated_to_20_bytes(quiver_server):
    r = write_v3(quiver_server, "measurement_with_a_long_name,tag=value field=oops\n")
    assert r.status_code == 400
    assert r.json()["data"][0]["original_line"] == "measurement_with_a_l"


def test_v3_accept_partial_false_rejects_whole_batch(quiver_server):
    r = write_v3(quiver_server, "m v=1 1\nm v=oops 2\nm v=3 3\n", accept_partial="false")
    assert r.status_code == 400
    body = r.json()
    assert body["error"] == "line protocol parsing error"
    assert body["data"]["line_number"] == 2
    assert isinstance(body["data"], dict)
    # Nothing was written, not even the database.
    assert databases(quiver_server) == []


@pytest.mark.parametrize(
    "params, body, expected_status, expected_text",
    [
        ({"db": None, "precision": "ns"}, "m v=1", 400, "serde error: missing field `db`"),
        ({"precision": "hours"}, "m v=1", 400, None),
        ({}, "", 400, "incoming write was empty"),
        ({}, "\n# only a comment\n\n", 400, "incoming write was empty"),
        ({"accept_partial": "maybe"}, "m v=1", 400, None),
    ],
)
def test_v3_request_errors(quiver_server, params, body, expected_status, expected_text):
    query = {"db": "db", **params}
    query = {k: v for k, v in query.items() if v is not None}
    r = quiver_server.api_post("/api/v3/write_lp", params=query, data=body)
    assert r.status_code == expected_status, r.text
    if expected_text:
        assert r.text == expected_text


def test_v3_no_query_string(quiver_server):
    r = quiver_server.api_post("/api/v3/write_lp", data="m v=1")
    assert r.status_code == 400
    assert r.text == "missing query parameter 'db'"


def test_v3_invalid_database_name(quiver_server):
    r = write_v3(quiver_server, "m v=1", db="_bad")
    assert r.status_code == 400
    assert r.json() == {"error": "db name did not start with a number or letter"}
    r = write_v3(quiver_server, "m v=1", db="a b")
    assert "invalid character in database or rp name" in r.json()["error"]


def test_v3_body_must_be_utf8(quiver_server):
    r = write_v3(quiver_server, b"m,t=\xff v=1")
    assert r.status_code == 400
    assert r.text.startswith("body content is not valid utf8: ")


def test_v3_gzip_body(quiver_server):
    body = gzip.compress(b"m,t=a v=1 1\n" * 1000)
    r = quiver_server.api_post(
        "/api/v3/write_lp",
        params={"db": "db", "precision": "ns"},
        data=body,
        headers={"Content-Encoding": "gzip"},
    )
    assert r.status_code == 204, r.text


def test_v3_no_sync_and_precisions(quiver_server):
    for precision, ts in [("s", 1700000000), ("ms", 1700000000000), ("us", 1700000000000000),
                          ("nanosecond", 1700000000000000000), ("auto", 1700000000)]:
        r = write_v3(quiver_server, f"m v=1 {ts}", precision=precision, no_sync="true")
        assert r.status_code == 204, (precision, r.text)


def test_database_limit_is_422(quiver_factory):
    server = quiver_factory(extra_args=["--max-databases", "1"])
    assert write_v3(server, "m v=1", db="one").status_code == 204
    r = write_v3(server, "m v=1", db="two")
    assert r.status_code == 422
    assert r.json() == {"error": "Adding a new database would exceed limit of 1 databases"}


def test_column_limit_is_422_per_line(quiver_factory):
    server = quiver_factory(extra_args=["--max-columns-per-table", "2"])
    r = write_v3(server, "m a=1,b=2 1\nm a=1,b=2,c=3 2\n", precision="ns")
    assert r.status_code == 422
    assert r.json()["data"][0]["error_message"] == (
        "Update to schema would exceed number of columns per table limit of 2 columns")


# ---- /api/v2/write ----


def test_v2_write_and_errors(quiver_server):
    r = quiver_server.api_post("/api/v2/write", params={"bucket": "b", "org": "ignored"}, data="m v=1 1")
    assert r.status_code == 204
    r = quiver_server.api_post("/api/v2/write", params={"org": "x"}, data="m v=1 1")
    assert r.status_code == 400
    assert r.json() == {"code": "invalid", "message": "missing bucket value"}
    r = quiver_server.api_post("/api/v2/write", data="m v=1 1")
    assert r.json() == {"code": "invalid", "message": "no org/bucket destination provided"}
    r = quiver_server.api_post("/api/v2/write", params={"bucket": "b"}, data="m v=1 1\nm v=oops 2")
    assert r.status_code == 400
    body = r.json()
    assert body["code"] == "invalid"
    assert body["message"].startswith("write buffer error: line protocol parse failed: ")
    r = quiver_server.api_post("/api/v2/write", params={"bucket": "b", "precision": "h"}, data="m v=1 1")
    assert r.status_code == 400


def test_v2_influxdb_client(quiver_server):
    from influxdb_client import InfluxDBClient, Point, WritePrecision
    from influxdb_client.client.write_api import SYNCHRONOUS

    with InfluxDBClient(url=quiver_server.url, token=quiver_server.token, org="ignored") as client:
        write_api = client.write_api(write_options=SYNCHRONOUS)
        write_api.write(bucket="v2db", record="cpu,host=a usage=1.5 1700000000000000000")
        write_api.write(bucket="v2db", record=Point("cpu").tag("host", "b").field("usage", 2.5).time(
            1700000000000000001, WritePrecision.NS))
    assert "v2db" in databases(quiver_server)


# ---- /write (v1) ----


def test_v1_write_rp_and_errors(quiver_server):
    r = quiver_server.api_post("/write", params={"db": "v1db"}, data="m v=1 1")
    assert r.status_code == 204
    r = quiver_server.api_post("/write", params={"db": "v1db", "rp": "Weekly"}, data="m v=1 1")
    assert r.status_code == 204
    r = quiver_server.api_post("/write", params={"db": "v1db", "rp": "autogen"}, data="m v=1 1")
    assert r.status_code == 204
    assert sorted(databases(quiver_server)) == ["v1db", "v1db/weekly"]
    r = quiver_server.api_post("/write", params={"db": "v1db", "precision": "m"}, data="m v=1 1")
    assert r.status_code == 400
    r = quiver_server.api_post("/write", data="m v=1 1")
    assert r.status_code == 400
    assert r.json() == {"error": "no db destination provided"}
    r = quiver_server.api_post("/write", params={"db": "v1db"}, data="m v=1 1\nm v=\"s\" 2")
    assert r.status_code == 400
    assert r.json()["error"] == "line protocol parsing error"
    r = quiver_server.api_post("/write", params={"db": "v1db"}, data="")
    assert r.status_code == 400
    assert r.text == "incoming write was empty"


def test_v1_token_as_p_parameter(quiver_server):
    r = requests.post(f"{quiver_server.url}/write", params={"db": "x", "u": "anyone", "p": quiver_server.token},
                      data="m v=1 1")
    assert r.status_code == 204
    r = requests.post(f"{quiver_server.url}/write", params={"db": "x", "p": "wrong"}, data="m v=1 1")
    assert r.status_code == 401


def test_v1_influxdb_client_write_points(quiver_server):
    from influxdb import InfluxDBClient

    client = InfluxDBClient(host="127.0.0.1", port=quiver_server.port, username="user",
                            password=quiver_server.token, database="v1client")
    points = [
        {"measurement": "cpu", "tags": {"host": f"h{i % 3}"}, "time": 1700000000000000000 + i,
         "fields": {"usage": float(i), "count": i}}
        for i in range(100)
    ]
    assert client.write_points(points, time_precision="n") is True
    assert "v1client" in databases(quiver_server)


# ---- InfluxDB 3 Python client ----


def test_influxdb3_python_client_write(quiver_server):
    from influxdb_client_3 import InfluxDBClient3, Point

    with InfluxDBClient3(host=quiver_server.url, token=quiver_server.token, database="v3client") as client:
        client.write(record="cpu,host=a usage=1.5 1700000000000000000")
        client.write(record=Point("cpu").tag("host", "b").field("usage", 2.5))
    assert "v3client" in databases(quiver_server)


# ---- /api/v3/configure ----


def test_configure_database_lifecycle(quiver_server):
    json_headers = {"Content-Type": "application/json"}
    r = quiver_server.api_post("/api/v3/configure/database", data=json.dumps({"db": "plant", "retention_period": "30d"}),
                           headers=json_headers)
    assert r.status_code == 200, r.text
    r = quiver_server.api_post("/api/v3/configure/database", data=json.dumps({"db": "plant"}), headers=json_headers)
    assert r.status_code == 409
    assert r.text == "attempted to create a resource that already exists"
    r = quiver_server.api_post("/api/v3/configure/database", data=json.dumps({"db": "plant"}))
    assert r.status_code == 415
    assert r.text == "unacceptable content-type, expected: application/json"
    r = quiver_server.api_put("/api/v3/configure/database",
                              data=json.dumps({"db": "plant", "retention_period": "7d"}), headers=json_headers)
    assert r.status_code == 200
    r = quiver_server.api_get("/api/v3/configure/database", params={"format": "csv"})
    assert r.status_code == 200
    assert r.headers["Content-Type"] == "text/csv"
    assert r.text == "iox::database\nplant\n"
    r = quiver_server.api_delete("/api/v3/configure/database", params={"db": "plant"})
    assert r.status_code == 200
    assert databases(quiver_server) == []
    r = quiver_server.api_get("/api/v3/configure/database", params={"format": "json", "show_deleted": "true"})
    rows = r.json()
    assert len(rows) == 1 and rows[0]["deleted"] is True and rows[0]["iox::database"].startswith("plant-")
    r = quiver_server.api_delete("/api/v3/configure/database", params={"db": "nope"})
    assert r.status_code == 404
    r = quiver_server.api_get("/api/v3/configure/database")
    assert r.status_code == 400


def test_configure_table(quiver_server):
    json_headers = {"Content-Type": "application/json"}
    spec = {"db": "plant", "table": "boiler", "tags": ["site", "unit"],
            "fields": [{"name": "temp", "type": "float64"}, {"name": "on", "type": "bool"}]}
    r = quiver_server.api_post("/api/v3/configure/table", data=json.dumps(spec), headers=json_headers)
    assert r.status_code == 200, r.text
    r = quiver_server.api_post("/api/v3/configure/table", data=json.dumps(spec), headers=json_headers)
    assert r.status_code == 409
    # The declared schema is enforced on writes.
    r = write_v3(quiver_server, "boiler,site=n temp=\"hot\"", db="plant")
    assert r.status_code == 400
    assert "expected iox::column_type::field::float" in r.json()["data"][0]["error_message"]
    r = quiver_server.api_delete("/api/v3/configure/table", params={"db": "plant", "table": "boiler"})
    assert r.status_code == 200
    r = quiver_server.api_delete("/api/v3/configure/table", params={"db": "plant", "table": "boiler"})
    assert r.status_code == 404


def test_schema_survives_restart(quiver_server):
    assert write_v3(quiver_server, "m,t=a v=1 1", db="keep", precision="ns").status_code == 204
    quiver_server.restart()
    assert databases(quiver_server) == ["keep"]
    # The type recorded before the restart is still enforced.
    r = write_v3(quiver_server, "m,t=a v=\"s\" 2", db="keep", precision="ns")
    assert r.status_code == 400
