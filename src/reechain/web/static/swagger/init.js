// Swagger UI (swagger-ui-dist 5.35.0 from npm, Apache-2.0) on the app's own OpenAPI schema.
window.addEventListener("load", function () {
  window.ui = SwaggerUIBundle({
    url: "/openapi.json",
    dom_id: "#swagger-ui",
    deepLinking: true,
    persistAuthorization: false,
  });
});
