namespace Ecommerce.Api.Problems;

/// <summary>Builds the API's RFC 9457 problem documents in one shape.</summary>
public static class Problem
{
    public static ProblemHttpResult Of(int status, string type, string title, string detail, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title, type: type, extensions: extensions);

    public static ProblemHttpResult NotFound(string detail) =>
        Of(StatusCodes.Status404NotFound, ProblemTypes.NotFound, "Not found", detail);

    public static ProblemHttpResult NoSuchProduct(string sku) => NotFound($"There is no product '{sku}'.");

    public static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] },
            title: "The request is invalid", type: ProblemTypes.Validation);
}
