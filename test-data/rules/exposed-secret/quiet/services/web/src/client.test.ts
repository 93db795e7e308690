// Test code: a random-looking fixture under a secret name is a fixture, not a credential.
// Only a sure token shape would count here.
const apiKey = "k9Qz7Xw2Lp4Rt8Vn6Bm3Hc5Jd1Fg0Ys";
const clientSecret = "Xw2Lp4Rt8Vn6Bm3Hc5Jd1Fg0Ysk9Qz7";
