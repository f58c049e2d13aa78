//! The other-city test fixture, compiled into the fuzz targets: the valid site that
//! `yaml_content` mutates one file of.

macro_rules! fixture {
    ($($path:literal),* $(,)?) => {
        pub const FILES: &[(&str, &[u8])] = &[
            $(($path, include_bytes!(concat!("../../tests/fixtures/other-city/", $path)))),*
        ];
    };
}

fixture![
    "content/areas/east.en.md",
    "content/areas/east.ja.md",
    "content/areas/east.yaml",
    "content/areas/north.en.md",
    "content/areas/north.ja.md",
    "content/areas/north.yaml",
    "content/areas/south.en.md",
    "content/areas/south.ja.md",
    "content/areas/south.yaml",
    "content/cases/east-advice-cafe.en.md",
    "content/cases/east-advice-cafe.ja.md",
    "content/cases/east-advice-cafe.yaml",
    "content/cases/north-harbour-salon.en.md",
    "content/cases/north-harbour-salon.ja.md",
    "content/cases/north-harbour-salon.yaml",
    "content/cases/south-evacuation-walk.en.md",
    "content/cases/south-evacuation-walk.ja.md",
    "content/cases/south-evacuation-walk.yaml",
    "content/plan.en.md",
    "content/plan.ja.md",
    "content/plan.yaml",
    "content/progress/2025/north.yaml",
    "content/progress/2025/south.yaml",
    "content/progress/2025/year.yaml",
    "content/site.yaml",
    "content/structure.en.md",
    "content/structure.ja.md",
    "content/structure.yaml",
    "content/themes/disaster-readiness.en.md",
    "content/themes/disaster-readiness.ja.md",
    "content/themes/disaster-readiness.yaml",
    "content/themes/everyday-help.en.md",
    "content/themes/everyday-help.ja.md",
    "content/themes/everyday-help.yaml",
    "content/themes/gathering-places.en.md",
    "content/themes/gathering-places.ja.md",
    "content/themes/gathering-places.yaml",
    "content/themes/living-advice.ja.md",
    "content/themes/living-advice.yaml",
];
