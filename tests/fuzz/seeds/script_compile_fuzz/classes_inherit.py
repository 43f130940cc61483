# Single inheritance, method overriding, super() with and without arguments.
import asyncio

class Animal:
    def __init__(self, name):
        self.name = name
    def speak(self):
        return "..."
    def describe(self):
        return f"{self.name} says {self.speak()}"

class Dog(Animal):
    def __init__(self, name, breed):
        super().__init__(name)
        self.breed = breed
    def speak(self):
        return "woof"

class Puppy(Dog):
    def speak(self):
        return super().speak() + "!"

async def main():
    for a in [Animal("x"), Dog("rex", "lab"), Puppy("bit", "pug")]:
        print(a.describe())
    print(isinstance(Puppy("a", "b"), Animal), issubclass(Dog, Animal), issubclass(Animal, Dog))
    print(Puppy("p", "q").breed)


if __name__ == "__main__":
    asyncio.run(main())
