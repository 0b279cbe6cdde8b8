//! Attachments on both flavours: a file streamed up (with Jira's XSRF
//! header), listed, its metadata read, streamed down byte for byte through
//! the alternative URL, deleted; 403 and 404.

mod support;

use kakehashi_jira::{ErrorKind, JiraClient};
use support::{Site, BOTH};

/// Bytes that survive no accidental text conversion: every byte value.
fn payload() -> Vec<u8> {
    (0..200_000u32).map(|i| (i % 251) as u8).collect()
}

#[tokio::test]
async fn a_file_goes_up_and_comes_back_byte_for_byte() {
    for kind in BOTH {
        let site = Site::start(kind).await;
        let client = &site.client;
        let issue = site.new_issue("添付 / attachments").await;
        let dir = tempfile::tempdir().unwrap();
        let source = dir.path().join("source.bin");
        std::fs::write(&source, payload()).unwrap();

        let uploaded = client
            .upload_attachment(
                &issue.key,
                &source,
                "設計書 v2.bin",
                "application/octet-stream",
            )
            .await
            .unwrap();
        assert_eq!(uploaded.len(), 1, "{kind}");
        let attachment = &uploaded[0];
        assert_eq!(attachment.filename, "設計書 v2.bin");
        assert_eq!(attachment.size, Some(payload().len() as u64));
        assert_eq!(
            attachment.mime_type.as_deref(),
            Some("application/octet-stream")
        );

        let listed = client.attachments(&issue.key).await.unwrap();
        assert_eq!(listed.len(), 1);
        assert_eq!(listed[0].id, attachment.id);
        let metadata = client.attachment(&attachment.id).await.unwrap();
        assert_eq!(
            metadata.id, attachment.id,
            "{kind}: ids read as text either way"
        );

        let target = dir.path().join("downloaded.bin");
        let written = client
            .download_attachment(&metadata, &target)
            .await
            .unwrap();
        assert_eq!(written, payload().len() as u64);
        assert_eq!(std::fs::read(&target).unwrap(), payload());

        // Through the alternative URL: links point at the public base URL,
        // the bytes still come from where this machine connects.
        let public = "https://jira.example.invalid";
        let alternative = support::endpoint(public)
            .with_alt_url(Some(site.sim.url()))
            .unwrap();
        let via_alt = JiraClient::with_server_info(
            alternative,
            support::service_credentials(&site.sim),
            client.server_info().clone(),
        )
        .unwrap();
        let mut rebased = metadata.clone();
        rebased.content = rebased.content.map(|c| c.replace(site.sim.url(), public));
        let again = dir.path().join("again.bin");
        via_alt.download_attachment(&rebased, &again).await.unwrap();
        assert_eq!(std::fs::read(&again).unwrap(), payload(), "{kind}");

        client.delete_attachment(&attachment.id).await.unwrap();
        assert!(client.attachments(&issue.key).await.unwrap().is_empty());
        assert_eq!(
            support::code(client.attachment(&attachment.id).await),
            "NotFound"
        );
        site.stop().await;
    }
}

#[tokio::test]
async fn uploads_need_the_permission_and_a_readable_file() {
    for kind in BOTH {
        let site = Site::start(kind).await;
        let issue = site.new_issue("添付の権限").await;
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("note.txt");
        std::fs::write(&file, "メモ").unwrap();

        let viewer = site.client_as("kobayashi.aoi").await;
        let err = viewer
            .upload_attachment(&issue.key, &file, "note.txt", "text/plain")
            .await
            .unwrap_err();
        assert_eq!(
            err.kind,
            ErrorKind::Forbidden {
                permission: Some("CREATE_ATTACHMENTS".into())
            },
            "{kind}: {}",
            err.message
        );
        let missing = dir.path().join("missing.txt");
        let err = site
            .client
            .upload_attachment(&issue.key, &missing, "missing.txt", "text/plain")
            .await
            .unwrap_err();
        assert_eq!(err.code(), "Validation");
        assert!(err.message.contains("missing.txt"), "{}", err.message);
        assert_eq!(
            support::code(
                site.client
                    .upload_attachment("NOPE-1", &file, "note.txt", "text/plain")
                    .await
            ),
            "NotFound"
        );
        site.stop().await;
    }
}
