//! `article-widget prepare`: an article document with its dictionary slices written in.

/// `conversion.slices` as JSON, in the document's field order (see `crates/script-convert/FORMAT.md`, Slices).
fn slices_json(slices: &article_model::Slices) -> article_model::json::Json {
    use article_model::json::Json;
    let s = |v: &str| Json::String(v.to_owned());
    let obj = |members: Vec<(&str, Json)>| {
        Json::Object(
            members
                .into_iter()
                .map(|(k, v)| (k.to_owned(), v))
                .collect(),
        )
    };
    obj(vec![
        ("version", Json::Number(slices.version.to_string())),
        (
            "targets",
            Json::Array(
                slices
                    .targets
                    .iter()
                    .map(|t| {
                        obj(vec![
                            ("target", s(&t.target)),
                            ("configs", s(&t.configs)),
                            ("input", s(&t.input)),
                            ("crc32", s(&t.crc32)),
                            (
                                "groups",
                                Json::Array(
                                    t.groups
                                        .iter()
                                        .map(|g| {
                                            obj(vec![
                                                ("group", s(&g.group)),
                                                ("dict", s(&g.dict)),
                                                ("first", s(&g.first)),
                                                ("other", s(&g.other)),
                                            ])
                                        })
                                        .collect(),
                                ),
                            ),
                        ])
                    })
                    .collect(),
            ),
        ),
    ])
}

/// `article-widget prepare`: the document with `conversion.slices` written (replacing any
/// there): for every target the widget can convert this article into, the dictionary entries
/// the converter chose (see `article_convert::slice`). Everything else in the document, unknown
/// fields and field order included, is kept as it was. `data`: OpenCC text data to use instead
/// of the built-in dictionaries (deploy `dict build --data` output from the same data).
pub fn prepare(file: &str, data: Option<&std::path::Path>) -> Result<String, String> {
    let bytes = std::fs::read(file).map_err(|e| format!("{file}: cannot read: {e}"))?;
    prepared(file, &bytes, data)
}

/// [`prepare`] of a document already read: `file` names it in messages.
pub fn prepared(
    file: &str,
    bytes: &[u8],
    data: Option<&std::path::Path>,
) -> Result<String, String> {
    use article_model::json::{self, Json};
    let mut doc = json::parse_bytes(bytes).map_err(|e| format!("{file}: {e}"))?;
    let article = article_model::article_from_json(&doc)
        .map_err(|problems| crate::invalid_document(file, &problems))?;
    if article_convert::source_script(&article.in_language).is_none() {
        return Err(format!(
            "{file}: $.inLanguage: {:?} is not Chinese, so the widget converts nothing and a slice would be unused",
            article.in_language
        ));
    }
    let slices = article_convert::native_slices(&article, data)?;
    let Json::Object(members) = &mut doc else {
        return Err(format!("{file}: $: expected an object"));
    };
    let conversion = match members.iter().position(|(k, _)| k == "conversion") {
        Some(i) => &mut members[i].1,
        None => {
            members.push(("conversion".to_owned(), Json::Object(Vec::new())));
            &mut members.last_mut().expect("just pushed").1
        }
    };
    let Json::Object(fields) = conversion else {
        return Err(format!("{file}: $.conversion: expected an object"));
    };
    fields.retain(|(k, _)| k != "slices");
    fields.push(("slices".to_owned(), slices_json(&slices)));
    let mut out = doc.to_pretty();
    out.push('\n');
    // What is written must read back as the same article with these slices.
    let back = article_model::parse_article(&out).map_err(|p| {
        format!(
            "{file}: the prepared document does not validate: {}",
            p.first().map(ToString::to_string).unwrap_or_default()
        )
    })?;
    if back.conversion.and_then(|c| c.slices).as_ref() != Some(&slices) {
        return Err(format!("{file}: the prepared slices do not read back"));
    }
    Ok(out)
}
