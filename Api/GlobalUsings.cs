global using System.ComponentModel.DataAnnotations;
global using Ecommerce.Api.Contracts;
global using Ecommerce.Api.Problems;
global using Ecommerce.Hosting;
global using Microsoft.AspNetCore.Http.HttpResults;
global using Microsoft.AspNetCore.Mvc;
global using Orleans;
