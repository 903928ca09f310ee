// A schema-like TypeTable shared by the runtime/core tests (a subset of
// measures-schema.gai plus one field of every type).
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "core/types.h"

namespace gai::rt::test {

struct Schema {
  TypeTable table;
  Type* modality = nullptr;
  Type* riskTag = nullptr;
  Type* big = nullptr;  // an enum with 70 members
  Type* provider = nullptr;
  Type* service = nullptr;
  Type* label = nullptr;
  Type* output = nullptr;
  Type* event = nullptr;
  Type* all = nullptr;  // one field of every type

  Schema() {
    modality = table.addEnum("Modality", {"text", "image", "audio", "video", "virtual_scene", "other"},
                             "measures.schema.Modality");
    riskTag = table.addEnum("RiskTag", {"subversion", "terror_extremism", "ethnic_hatred", "privacy"});
    std::vector<std::string> many;
    for (int i = 0; i < 70; ++i) many.push_back("m" + std::to_string(i));
    big = table.addEnum("Big", many);

    provider = table.addRecord("Provider");
    table.addField(provider, "id", table.stringType());
    table.addField(provider, "foreign_invested", table.boolType());
    table.addField(provider, "licenses_held", table.setOf(table.stringType()));

    service = table.addRecord("Service", "measures.schema.Service");
    table.addField(service, "id", table.stringType());
    table.addField(service, "provider", provider);
    table.addField(service, "offered_to_prc_public", table.boolType());
    table.addField(service, "modalities", table.setOf(modality));
    table.addField(service, "launch_date", table.optionalOf(table.dateType()));
    table.addField(service, "working_days_to_filing", table.optionalOf(table.intType()));
    table.addField(service, "feedback_limit", table.optionalOf(table.durationType()));

    label = table.addRecord("Label");
    table.addField(label, "has_ai_term", table.boolType());
    table.addField(label, "height_ratio", table.optionalOf(table.floatType()));

    output = table.addRecord("Output");
    table.addField(output, "modality", modality);
    table.addField(output, "text", table.stringType());
    table.addField(output, "risk_tags", table.setOf(riskTag));
    table.addField(output, "explicit_label", table.boolType());
    table.addField(output, "label", table.optionalOf(label));

    event = table.addRecord("GenerationEvent");
    table.addField(event, "at", table.timestampType());
    table.addField(event, "service", service);
    table.addField(event, "output", output);
    table.addField(event, "log_retention", table.optionalOf(table.durationType()));

    all = table.addRecord("All");
    table.addField(all, "b", table.boolType());
    table.addField(all, "i", table.intType());
    table.addField(all, "f", table.floatType());
    table.addField(all, "s", table.stringType());
    table.addField(all, "d", table.dateType());
    table.addField(all, "t", table.timestampType());
    table.addField(all, "u", table.durationType());
    table.addField(all, "e", modality);
    table.addField(all, "li", table.listOf(table.intType()));
    table.addField(all, "ls", table.listOf(table.stringType()));
    table.addField(all, "lr", table.listOf(label));
    table.addField(all, "se", table.setOf(modality));
    table.addField(all, "sb", table.setOf(big));
    table.addField(all, "si", table.setOf(table.intType()));
    table.addField(all, "ss", table.setOf(table.stringType()));
    table.addField(all, "sf", table.setOf(table.floatType()));
    table.addField(all, "sd", table.setOf(table.dateType()));
    table.addField(all, "ob", table.optionalOf(table.boolType()));
    table.addField(all, "os", table.optionalOf(table.stringType()));
    table.addField(all, "orec", table.optionalOf(label));

    std::string error;
    EXPECT_TRUE(table.finalize(&error)) << error;
    // Defaults, as the compiler would give them.
    setDefault(provider, "foreign_invested", "false");
    setDefault(provider, "licenses_held", "[]");
    setDefault(service, "modalities", "[]");
    setDefault(output, "text", "\"\"");
    setDefault(output, "risk_tags", "[]");
    setDefault(output, "explicit_label", "false");
  }

  void setDefault(Type* record, const char* field, const char* json) {
    std::string error;
    int index = record->findField(field);
    ASSERT_GE(index, 0) << field;
    ASSERT_TRUE(table.setDefaultJson(record, static_cast<uint32_t>(index), json, &error)) << error;
  }
};

}  // namespace gai::rt::test
