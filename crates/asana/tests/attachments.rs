//! Attachments against the Asana simulator: upload streamed from a file,
//! list by task, download streamed to a file from the signed link, delete.

mod support;

use std::io::Write;

use kakehashi_asana::{collect, Deletion, ListOptions};
use kakehashi_http::ErrorKind;
use support::{project_tasks, Asana};

#[tokio::test]
async fn a_file_goes_up_and_comes_back_byte_for_byte_then_is_deleted() {
    let asana = Asana::start().await;
    let client = asana.client();
    let (_, tasks) = project_tasks(&client, "マーケティング施策").await;
    let task = &tasks[3];
    let before = collect(client.attachments(&task.gid, &ListOptions::default()))
        .await
        .unwrap();

    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("見積書 quote.bin");
    let bytes: Vec<u8> = (0..300_000u32).map(|n| (n * 7 % 251) as u8).collect();
    std::fs::File::create(&source)
        .unwrap()
        .write_all(&bytes)
        .unwrap();
    let uploaded = client
        .upload_attachment(&task.gid, &source, None, "application/octet-stream")
        .await
        .unwrap();
    assert_eq!(uploaded.name, "見積書 quote.bin");
    assert_eq!(uploaded.size, Some(bytes.len() as u64));
    assert!(uploaded.is_uploaded_file());
    assert_eq!(
        uploaded.parent.as_ref().map(|p| p.gid.as_str()),
        Some(task.gid.as_str())
    );

    let after = collect(client.attachments(&task.gid, &ListOptions::default().limit(1)))
        .await
        .unwrap();
    assert_eq!(after.len(), before.len() + 1);
    assert!(after.iter().any(|a| a.gid == uploaded.gid));

    let target = dir.path().join("downloaded.bin");
    let written = client
        .download_attachment(&uploaded.gid, &target)
        .await
        .unwrap();
    assert_eq!(written, bytes.len() as u64);
    assert_eq!(std::fs::read(&target).unwrap(), bytes);

    assert_eq!(
        client.delete_attachment(&uploaded.gid).await.unwrap(),
        Deletion::Deleted
    );
    let gone = client.attachment(&uploaded.gid).await.unwrap_err();
    assert_eq!(gone.kind, ErrorKind::NotFound);
    let missing = dir.path().join("missing.bin");
    let error = client
        .download_attachment(&uploaded.gid, &missing)
        .await
        .unwrap_err();
    assert_eq!(error.code(), "NotFound");
    assert!(!missing.exists());
    assert_eq!(
        client.delete_attachment(&uploaded.gid).await.unwrap(),
        Deletion::AlreadyGone
    );
    asana.stop().await;
}

#[tokio::test]
async fn a_seeded_attachment_downloads_and_files_over_100_mb_are_refused_unsent() {
    let asana = Asana::start().await;
    let client = asana.client();
    let (_, tasks) = project_tasks(&client, "マーケティング施策").await;
    let mut seeded = Vec::new();
    for task in &tasks {
        seeded.extend(
            collect(client.attachments(&task.gid, &ListOptions::default()))
                .await
                .unwrap(),
        );
    }
    assert!(!seeded.is_empty(), "the demo seed has attachments");
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("seeded");
    let written = client
        .download_attachment(&seeded[0].gid, &target)
        .await
        .unwrap();
    assert_eq!(seeded[0].size, Some(written));
    assert_eq!(std::fs::metadata(&target).unwrap().len(), written);
    assert!(written > 0);

    let huge = dir.path().join("huge.bin");
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(kakehashi_asana::MAX_UPLOAD_BYTES + 1)
        .unwrap();
    let before = asana.count("POST /api/1.0/attachments").await;
    let error = client
        .upload_attachment(&tasks[0].gid, &huge, None, "application/octet-stream")
        .await
        .unwrap_err();
    assert!(
        matches!(&error.kind, ErrorKind::InvalidInput { field } if field == "file"),
        "{error:?}"
    );
    assert!(error.message.contains("100 MB"), "{}", error.message);
    assert_eq!(asana.count("POST /api/1.0/attachments").await, before);
    asana.stop().await;
}
