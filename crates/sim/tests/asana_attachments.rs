//! Asana attachments: multipart upload, the bytes back through
//! `download_url`, listing, deletion, and the uploads Asana refuses.

#[path = "support/asana.rs"]
mod support_asana;

use reqwest::multipart::{Form, Part};
use reqwest::{Method, StatusCode};
use serde_json::Value;
use support_asana::Asana;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

async fn upload(asana: &Asana, token: &str, form: Form) -> (StatusCode, Value) {
    let response = asana
        .http
        .post(format!("{}/attachments", asana.api))
        .bearer_auth(token)
        .multipart(form)
        .send()
        .await
        .unwrap();
    let status = response.status();
    (status, response.json().await.unwrap())
}

async fn a_task(asana: &Asana) -> String {
    let project = asana.project("社内ヘルプデスク").await;
    asana.get(&format!("/projects/{project}/tasks")).await["data"][0]["gid"]
        .as_str()
        .unwrap()
        .to_owned()
}

#[tokio::test]
async fn an_uploaded_file_comes_back_byte_for_byte_and_goes_away_when_deleted() {
    let asana = Asana::start().await;
    let task = a_task(&asana).await;
    let before = asana.get(&format!("/tasks/{task}")).await["data"]["modified_at"].clone();
    let bytes: Vec<u8> = (0..300_000u32).map(|n| (n * 7 % 251) as u8).collect();
    let form = Form::new().text("parent", task.clone()).part(
        "file",
        Part::bytes(bytes.clone())
            .file_name("設計書 design.bin")
            .mime_str("application/octet-stream")
            .unwrap(),
    );
    let (status, body) = upload(&asana, &asana.token, form).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let attachment = &body["data"];
    let gid = attachment["gid"].as_str().unwrap().to_owned();
    assert_eq!(attachment["name"], "設計書 design.bin");
    assert_eq!(attachment["size"], bytes.len());
    assert_eq!(attachment["resource_subtype"], "asana");
    assert_eq!(attachment["parent"]["gid"], task.as_str());
    assert_ne!(
        asana.get(&format!("/tasks/{task}")).await["data"]["modified_at"],
        before,
        "attaching modifies the task"
    );

    // The signed link needs no token, like Asana's S3 links.
    let fetched = asana.get(&format!("/attachments/{gid}")).await["data"]["download_url"]
        .as_str()
        .unwrap()
        .to_owned();
    let download = reqwest::get(&fetched).await.unwrap();
    assert_eq!(download.status(), StatusCode::OK);
    assert_eq!(
        download.headers()["content-type"],
        "application/octet-stream"
    );
    assert_eq!(download.bytes().await.unwrap().as_ref(), bytes.as_slice());
    let tampered = fetched.replace("signature=", "signature=0");
    assert_eq!(
        reqwest::get(&tampered).await.unwrap().status(),
        StatusCode::FORBIDDEN
    );

    let listed = asana.get(&format!("/attachments?parent={task}")).await;
    assert!(listed["data"]
        .as_array()
        .unwrap()
        .iter()
        .any(|a| a["gid"] == gid.as_str()));

    let (status, _) = asana
        .call(Method::DELETE, &format!("/attachments/{gid}"), None)
        .await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = asana
        .call(Method::GET, &format!("/attachments/{gid}"), None)
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let listed = asana.get(&format!("/attachments?parent={task}")).await;
    assert!(!listed["data"]
        .as_array()
        .unwrap()
        .iter()
        .any(|a| a["gid"] == gid.as_str()));
    assert_eq!(
        reqwest::get(&fetched).await.unwrap().status(),
        StatusCode::FORBIDDEN,
        "the bytes are gone too"
    );
}

#[tokio::test]
async fn the_demo_attachments_can_be_read_and_the_permanent_url_needs_a_token() {
    let asana = Asana::start().await;
    let project = asana.project("マーケティング施策").await;
    let (tasks, _) = asana.all_pages(&format!("/tasks?project={project}")).await;
    let mut found = Vec::new();
    for task in &tasks {
        let list = asana
            .get(&format!(
                "/attachments?parent={}",
                task["gid"].as_str().unwrap()
            ))
            .await;
        found.extend(list["data"].as_array().unwrap().iter().cloned());
    }
    assert_eq!(found.len(), 2, "{found:?}");
    let csv = found
        .iter()
        .find(|a| a["name"].as_str().unwrap().ends_with(".csv"))
        .unwrap();
    let full = asana
        .get(&format!("/attachments/{}", csv["gid"].as_str().unwrap()))
        .await["data"]
        .clone();
    let text = reqwest::get(full["download_url"].as_str().unwrap())
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(text.contains("展示会ブース"), "{text}");

    let permanent = full["permanent_url"].as_str().unwrap();
    let anonymous = asana.http.get(permanent).send().await.unwrap();
    assert_eq!(anonymous.status(), StatusCode::FORBIDDEN);
    let signed_in = asana
        .http
        .get(permanent)
        .bearer_auth(&asana.token)
        .send()
        .await
        .unwrap();
    assert_eq!(signed_in.status(), StatusCode::FOUND);
    let location = signed_in.headers()["location"].to_str().unwrap();
    assert_eq!(
        reqwest::get(location).await.unwrap().text().await.unwrap(),
        text
    );
}

#[tokio::test]
async fn external_links_are_attachments_without_bytes() {
    let asana = Asana::start().await;
    let task = a_task(&asana).await;
    let form = Form::new()
        .text("parent", task.clone())
        .text("resource_subtype", "external")
        .text("name", "ITS-12")
        .text("url", "https://jira.example.com/browse/ITS-12");
    let (status, body) = upload(&asana, &asana.token, form).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["data"]["resource_subtype"], "external");
    assert_eq!(
        body["data"]["download_url"],
        "https://jira.example.com/browse/ITS-12"
    );
}

#[tokio::test]
async fn uploads_without_parent_or_file_or_rights_are_refused() {
    let asana = Asana::start().await;
    let task = a_task(&asana).await;
    let no_file = Form::new().text("parent", task.clone());
    let (status, body) = upload(&asana, &asana.token, no_file).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(Asana::message(&body).contains("file"), "{body}");
    let no_parent = Form::new().part("file", Part::bytes(b"x".to_vec()).file_name("x.txt"));
    let (status, body) = upload(&asana, &asana.token, no_parent).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(Asana::message(&body).contains("parent"), "{body}");
    let unknown = Form::new()
        .text("parent", "1")
        .part("file", Part::bytes(b"x".to_vec()).file_name("x.txt"));
    assert_eq!(
        upload(&asana, &asana.token, unknown).await.0,
        StatusCode::NOT_FOUND
    );
    let viewer = asana.token_of(kakehashi_sim::people::Role::Viewer);
    let form = Form::new()
        .text("parent", task.clone())
        .part("file", Part::bytes(b"x".to_vec()).file_name("x.txt"));
    assert_eq!(upload(&asana, &viewer, form).await.0, StatusCode::FORBIDDEN);
    let (status, _) = asana
        .call(
            Method::POST,
            "/attachments",
            Some(serde_json::json!({ "data": { "parent": task } })),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "JSON is not multipart");
    let (status, _) = asana.call(Method::GET, "/attachments", None).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "parent is required");
}

#[tokio::test]
async fn a_file_over_100_mb_gets_413_before_it_is_sent() {
    let asana = Asana::start().await;
    let mut stream = tokio::net::TcpStream::connect(asana.sim.addr())
        .await
        .unwrap();
    let head = format!(
        "POST /api/1.0/attachments HTTP/1.1\r\nHost: {}\r\nAuthorization: Bearer {}\r\n\
         Content-Type: multipart/form-data; boundary=xyz\r\nContent-Length: {}\r\n\r\n--xyz\r\n",
        asana.sim.addr(),
        asana.token,
        101 * 1024 * 1024 + 2 * 1024 * 1024
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    let mut answer = Vec::new();
    let mut buffer = [0u8; 4096];
    let read = tokio::time::timeout(std::time::Duration::from_secs(5), async {
        loop {
            let n = stream.read(&mut buffer).await.unwrap_or(0);
            answer.extend_from_slice(&buffer[..n]);
            if n == 0 || String::from_utf8_lossy(&answer).contains("errors") {
                break;
            }
        }
    })
    .await;
    assert!(
        read.is_ok(),
        "the simulator answers without waiting for the body"
    );
    let text = String::from_utf8_lossy(&answer);
    assert!(text.starts_with("HTTP/1.1 413"), "{text}");
    assert!(text.contains("100MB"), "{text}");
}
