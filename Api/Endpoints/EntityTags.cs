using Microsoft.Net.Http.Headers;

namespace Ecommerce.Api.Endpoints;

/// <summary>Conditional GETs: an ETag on the response, and 304 when the client already holds it.</summary>
public static class EntityTags
{
    public static bool IsCurrent(HttpContext http, string etag)
    {
        http.Response.Headers.ETag = etag;
        http.Response.Headers.CacheControl = "no-cache";
        var given = http.Request.GetTypedHeaders().IfNoneMatch;
        return given.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(new EntityTagHeaderValue(etag), useStrongComparison: false));
    }
}
