using Newtonsoft.Json;

namespace Shop.Formatting;

public static class Json
{
    public static string Format(object value) => JsonConvert.SerializeObject(value);
}
