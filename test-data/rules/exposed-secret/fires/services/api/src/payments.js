// Hard-coded while testing the webhook; an agent reading this file holds the key.
const stripe = require("stripe")("sk_live_51Qw8Er7Ty2Ui9Op4As6Df3Gh5Jk1Lz0Xc7Vb");
module.exports = stripe;
