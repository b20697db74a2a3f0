import { describe, expect, it } from "vitest";
import { z } from "zod";
import { findUnknownVariable, renderTemplate, TemplateError, templateParam, templateVariablesOf } from "../../core/nodes/template";

describe("renderTemplate", () => {
  it("replaces variables, with or without inner spaces", () => {
    expect(renderTemplate("Q: {{query}} / {{ query }}", { query: "2+2" })).toBe("Q: 2+2 / 2+2");
  });
  it("expands in one pass, so values containing braces are left alone", () => {
    expect(renderTemplate("{{candidate}}", { candidate: "literal {{query}}" })).toBe("literal {{query}}");
  });
  it("throws on an unknown variable, naming it and listing the available ones", () => {
    const render = () => renderTemplate("{{qeury}}", { query: "x", context: "" });
    expect(render).toThrow(TemplateError);
    expect(render).toThrow('prompt template uses unknown variable "{{qeury}}"; available variables: {{query}}, {{context}}');
  });
  it("leaves brace text that is not a variable untouched", () => {
    expect(renderTemplate('JSON: {"a": {{query}}}, {{ }}', { query: "1" })).toBe('JSON: {"a": 1}, {{ }}');
  });
});

describe("template validation", () => {
  it("lists the variables a template uses", () => {
    expect(templateVariablesOf("{{a}} {{b}} {{a}}")).toEqual(["a", "b"]);
  });
  it("finds the first unknown variable", () => {
    expect(findUnknownVariable("{{query}} {{cand}}", ["query"])?.variable).toBe("cand");
    expect(findUnknownVariable("{{query}}", ["query"])).toBeUndefined();
  });
  it("rejects unknown variables at param level and defaults when absent", () => {
    const schema = z.object({ prompt_template: templateParam("{{query}}", ["query"], "Test template.") });
    expect(schema.parse({}).prompt_template).toBe("{{query}}");
    const result = schema.safeParse({ prompt_template: "{{quer}}" });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({ code: "custom", path: ["prompt_template"] });
    expect(result.error?.issues[0]?.message).toContain('"{{quer}}"');
  });
});
