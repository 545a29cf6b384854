using System.Text.Json;

namespace MultiStage.Sdk.Tests.Reporting;

/// <summary>
/// The part of JSON Schema the report's schema uses: <c>type</c> (one or several), <c>properties</c>,
/// <c>required</c>, <c>additionalProperties: false</c>, <c>items</c>, <c>const</c>, <c>minimum</c>. Enough to
/// tell whether a written report and the packaged schema agree, without a schema library.
/// </summary>
internal static class SchemaCheck
{
    public static IEnumerable<string> Problems(JsonElement value, JsonElement schema, string path)
    {
        var types = schema.TryGetProperty("type", out var type)
            ? type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()!).ToList() : [type.GetString()!]
            : [];
        if (types.Count > 0 && !types.Contains(TypeOf(value)) && !(TypeOf(value) == "integer" && types.Contains("number")))
        {
            yield return $"{path} is {TypeOf(value)}, the schema says {string.Join(" or ", types)}";
            yield break;
        }

        if (schema.TryGetProperty("const", out var constant) && value.GetRawText() != constant.GetRawText())
        {
            yield return $"{path} is {value.GetRawText()}, the schema says {constant.GetRawText()}";
        }

        if (schema.TryGetProperty("minimum", out var minimum) && value.ValueKind == JsonValueKind.Number && value.GetDecimal() < minimum.GetDecimal())
        {
            yield return $"{path} is below {minimum}";
        }

        if (value.ValueKind == JsonValueKind.Object)
        {
            foreach (var problem in ObjectProblems(value, schema, path))
            {
                yield return problem;
            }
        }

        if (value.ValueKind == JsonValueKind.Array && schema.TryGetProperty("items", out var items))
        {
            var i = 0;
            foreach (var problem in value.EnumerateArray().SelectMany(element => Problems(element, items, $"{path}[{i++}]")))
            {
                yield return problem;
            }
        }
    }

    private static IEnumerable<string> ObjectProblems(JsonElement value, JsonElement schema, string path)
    {
        var declared = schema.TryGetProperty("properties", out var properties) ? properties : default;
        foreach (var property in value.EnumerateObject())
        {
            if (declared.ValueKind == JsonValueKind.Object && declared.TryGetProperty(property.Name, out var propertySchema))
            {
                foreach (var problem in Problems(property.Value, propertySchema, $"{path}.{property.Name}"))
                {
                    yield return problem;
                }
            }
            else if (schema.TryGetProperty("additionalProperties", out var additional) && additional.ValueKind == JsonValueKind.False)
            {
                yield return $"{path}.{property.Name} is not declared in the schema";
            }
        }

        if (schema.TryGetProperty("required", out var required))
        {
            foreach (var name in required.EnumerateArray().Select(r => r.GetString()!).Where(n => !value.TryGetProperty(n, out _)))
            {
                yield return $"{path}.{name} is required by the schema but not written";
            }
        }
    }

    private static string TypeOf(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => value.TryGetInt64(out _) ? "integer" : "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        _ => "null",
    };
}
