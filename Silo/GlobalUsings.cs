global using Ecommerce.Hosting;
global using Orleans.Configuration;
global using Orleans.Hosting;
