//! `users/me`, workspaces, projects and custom fields against the Asana
//! simulator: paging, typed definitions, and the errors of reading.

mod support;

use futures_util::TryStreamExt;
use kakehashi_asana::model::{FieldType, Project};
use kakehashi_asana::{collect, Credentials, ListOptions};
use kakehashi_http::ErrorKind;
use support::{field, project, workspace, Asana};

#[tokio::test]
async fn me_workspaces_and_projects_page_through_the_lists() {
    let asana = Asana::start().await;
    let client = asana.client();

    let me = client.me().await.unwrap();
    assert_eq!(me.email.as_deref(), Some(asana.sim.login()));
    let workspaces = collect(client.workspaces(&ListOptions::default()))
        .await
        .unwrap();
    assert_eq!(workspaces.len(), 1);
    assert_eq!(workspaces[0].name, "Kakehashi Demo");
    assert_eq!(me.workspaces[0].gid, workspaces[0].gid);
    assert_eq!(
        client.workspace(&workspaces[0].gid).await.unwrap(),
        workspaces[0]
    );

    let gid = &workspaces[0].gid;
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
async fn custom_field_definitions_are_typed_and_enabled_per_project() {
    let asana = Asana::start().await;
    let client = asana.client();
    let workspace = workspace(&client).await;
    let definitions = collect(client.custom_fields(&workspace, &ListOptions::default().limit(2)))
        .await
        .unwrap();
    let kind_of = |prefix: &str| {
        definitions
            .iter()
            .find(|f| f.name.starts_with(prefix))
            .and_then(|f| f.field_type)
    };
    assert_eq!(kind_of("Jira Key"), Some(FieldType::Text));
    assert_eq!(kind_of("優先度"), Some(FieldType::Enum));
    assert_eq!(kind_of("見積"), Some(FieldType::Number));

    let marketing = project(&client, "マーケティング施策").await;
    let priority = field(&client, &marketing, "優先度").await;
    let options: Vec<&str> = priority.enum_options.iter().map(|o| o.name.as_str()).collect();
    assert_eq!(options, ["High", "Medium", "Low"]);
    assert!(priority.option("Medium").is_some());
    assert_eq!(client.custom_field(&priority.gid).await.unwrap().name, priority.name);
    let estimate = field(&client, &marketing, "見積").await;
    assert_eq!(estimate.precision, Some(1));

    let settings = collect(client.custom_field_settings(&marketing.gid, &ListOptions::default()))
        .await
        .unwrap();
    assert_eq!(settings.len(), 3);
    for setting in &settings {
        assert_eq!(
            setting.project.as_ref().map(|p| p.gid.as_str()),
            Some(marketing.gid.as_str())
        );
        assert!(definitions.iter().any(|d| d.gid == setting.custom_field.gid));
    }
    asana.stop().await;
}

#[tokio::test]
async fn reading_fails_with_the_cause_in_asanas_words() {
    let asana = Asana::start().await;
    let wrong = asana.client_with(Credentials::pat("not-a-token-of-anyone"));
    let error = wrong.me().await.unwrap_err();
    assert_eq!((error.kind.clone(), error.code()), (ErrorKind::Unauthorized, "Unauthorized"));
    assert!(error.message.contains("Not Authorized"), "{}", error.message);
    assert!(!error.message.contains("not-a-token-of-anyone"));

    let client = asana.client();
    let missing = client.project("1208999999999999").await.unwrap_err();
    assert_eq!(missing.code(), "NotFound");
    assert!(
        missing.message.contains("project: Unknown object: 1208999999999999"),
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
