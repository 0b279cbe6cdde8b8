//! Projects against the Asana simulator: paging through the list, one
//! project with its custom field settings, 404 and ids that are not GIDs.

mod support;

use futures_util::TryStreamExt;
use kakehashi_asana::model::Project;
use kakehashi_asana::{collect, ListOptions};
use kakehashi_http::ErrorKind;
use support::{workspace, Asana};

#[tokio::test]
async fn projects_page_through_the_list_and_one_project_has_its_fields() {
    let asana = Asana::start().await;
    let client = asana.client();
    let workspace = workspace(&client).await;
    let gid = &workspace;
    let whole: Vec<Project> = collect(client.projects(gid, &ListOptions::default()))
        .await
        .unwrap();
    assert!(whole.len() >= 2, "{whole:?}");
    let before = asana.count("GET /api/1.0/projects").await;
    let one_by_one: Vec<Project> = collect(client.projects(gid, &ListOptions::default().limit(1)))
        .await
        .unwrap();
    assert_eq!(one_by_one, whole);
    assert_eq!(
        asana.count("GET /api/1.0/projects").await - before,
        whole.len() as u64,
        "one page per project, and no page after the last"
    );

    // A stream fetches a page only when its records are needed.
    let before = asana.count("GET /api/1.0/projects").await;
    let first = client
        .projects(gid, &ListOptions::default().limit(1))
        .try_next()
        .await
        .unwrap();
    assert_eq!(first.as_ref(), whole.first());
    assert_eq!(asana.count("GET /api/1.0/projects").await - before, 1);

    let marketing = whole
        .iter()
        .find(|p| p.name.starts_with("マーケティング施策"))
        .unwrap();
    let full = client.project(&marketing.gid).await.unwrap();
    assert_eq!(full.name, marketing.name);
    assert!(full.created_at.is_some() && full.permalink_url.is_some());
    let names: Vec<&str> = full
        .custom_field_settings
        .iter()
        .map(|s| s.custom_field.name.as_str())
        .collect();
    assert_eq!(names, ["Jira Key", "優先度 Priority", "見積 Estimate (h)"]);
    asana.stop().await;
}

#[tokio::test]
async fn a_missing_project_is_not_found_and_a_bad_id_is_never_sent() {
    let asana = Asana::start().await;
    let client = asana.client();
    let missing = client.project("1208999999999999").await.unwrap_err();
    assert_eq!(missing.code(), "NotFound");
    assert!(
        missing
            .message
            .contains("project: Unknown object: 1208999999999999"),
        "{}",
        missing.message
    );
    let in_list = collect(client.projects("1208999999999999", &ListOptions::default()))
        .await
        .unwrap_err();
    assert_eq!(in_list.code(), "NotFound");

    // Not a GID: refused before anything is sent.
    let before = asana.stats().await["total"].as_u64().unwrap();
    for bad in ["../users/me", "12?opt_fields=email", ""] {
        let error = client.project(bad).await.unwrap_err();
        assert!(
            matches!(&error.kind, ErrorKind::InvalidInput { field } if field == "project"),
            "{error:?}"
        );
        let error = collect(client.custom_field_settings(bad, &ListOptions::default()))
            .await
            .unwrap_err();
        assert_eq!(error.code(), "Validation");
    }
    assert_eq!(asana.stats().await["total"].as_u64().unwrap(), before);
    asana.stop().await;
}
