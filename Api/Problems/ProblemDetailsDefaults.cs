using System.Text.Json;

namespace Ecommerce.Api.Problems;

/// <summary>
/// Gives every problem document the same shape, whoever wrote it (our handlers, validation, authentication, status
/// code pages): a type, a detail, and validation error keys in the body's camelCase.
/// </summary>
public static class ProblemDetailsDefaults
{
    public static void Apply(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (problem is HttpValidationProblemDetails validation)
        {
            if (problem.Type is null || problem.Type.StartsWith("https://tools.ietf.org/", StringComparison.Ordinal))
            {
                problem.Type = ProblemTypes.Validation;
                problem.Title = "The request is invalid";
            }

            var errors = validation.Errors.ToDictionary(e => CamelCasePath(e.Key), e => e.Value);
            validation.Errors.Clear();
            foreach (var (key, messages) in errors)
            {
                validation.Errors[key] = messages;
            }

            problem.Detail ??= "See errors for what to correct.";
        }

        problem.Detail ??= problem.Status switch
        {
            StatusCodes.Status401Unauthorized => "A valid bearer token is required: get one from POST /api/auth/token.",
            StatusCodes.Status403Forbidden => "This route needs a role the caller does not have.",
            StatusCodes.Status404NotFound => "There is nothing at this address.",
            StatusCodes.Status405MethodNotAllowed => "This route does not take that method.",
            StatusCodes.Status415UnsupportedMediaType => "Send the body as application/json.",
            _ => problem.Title,
        };
        if (problem.Type is null || problem.Type.StartsWith("https://tools.ietf.org/", StringComparison.Ordinal))
        {
            problem.Type = problem.Status switch
            {
                StatusCodes.Status404NotFound => ProblemTypes.NotFound,
                StatusCodes.Status401Unauthorized => ProblemTypes.Unauthorized,
                StatusCodes.Status403Forbidden => ProblemTypes.Forbidden,
                _ => problem.Type,
            };
        }
    }

    /// <summary><c>Items[0].Quantity</c> becomes <c>items[0].quantity</c>, as the field is named in the JSON body.</summary>
    private static string CamelCasePath(string path) =>
        string.Join('.', path.Split('.').Select(JsonNamingPolicy.CamelCase.ConvertName));
}
