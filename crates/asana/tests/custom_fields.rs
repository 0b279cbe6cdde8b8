//! Custom field definitions and project settings against the Asana
//! simulator.

mod support;

use kakehashi_asana::model::FieldType;
use kakehashi_asana::{collect, ListOptions};
use support::{field, project, workspace, Asana};

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
    let options: Vec<&str> = priority
        .enum_options
        .iter()
        .map(|o| o.name.as_str())
        .collect();
    assert_eq!(options, ["High", "Medium", "Low"]);
    assert!(priority.option("Medium").is_some());
    assert_eq!(
        client.custom_field(&priority.gid).await.unwrap().name,
        priority.name
    );
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
        assert!(definitions
            .iter()
            .any(|d| d.gid == setting.custom_field.gid));
    }
    asana.stop().await;
}
